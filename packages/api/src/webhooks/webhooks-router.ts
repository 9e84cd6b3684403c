import { router } from '../trpc';
import { createOrgWebhookEndpoint, createPlatformWebhookEndpoint } from './create-webhook-endpoint';
import { deleteOrgWebhookEndpoint, deletePlatformWebhookEndpoint } from './delete-webhook-endpoint';
import { listOrgWebhookDeliveries, listPlatformWebhookDeliveries } from './list-webhook-deliveries';
import { listOrgWebhookEndpoints, listPlatformWebhookEndpoints } from './list-webhook-endpoints';
import { replayOrgWebhookDelivery, replayPlatformWebhookDelivery } from './replay-webhook-delivery';
import { rotateOrgWebhookSecret, rotatePlatformWebhookSecret } from './rotate-webhook-secret';
import { sendOrgTestWebhook, sendPlatformTestWebhook } from './send-test-webhook';
import { updateOrgWebhookEndpoint, updatePlatformWebhookEndpoint } from './update-webhook-endpoint';

/** An operator organisation's webhook endpoints (owners and admins; others are told the organisation does not exist). */
export const orgWebhookEndpointsRouter = router({
  create: createOrgWebhookEndpoint,
  list: listOrgWebhookEndpoints,
  update: updateOrgWebhookEndpoint,
  delete: deleteOrgWebhookEndpoint,
  rotateSecret: rotateOrgWebhookSecret,
  sendTest: sendOrgTestWebhook,
  deliveries: listOrgWebhookDeliveries,
  replay: replayOrgWebhookDelivery,
});

/** The platform's own endpoints (admins), which hear every organisation's events. */
export const platformWebhookEndpointsRouter = router({
  create: createPlatformWebhookEndpoint,
  list: listPlatformWebhookEndpoints,
  update: updatePlatformWebhookEndpoint,
  delete: deletePlatformWebhookEndpoint,
  rotateSecret: rotatePlatformWebhookSecret,
  sendTest: sendPlatformTestWebhook,
  deliveries: listPlatformWebhookDeliveries,
  replay: replayPlatformWebhookDelivery,
});
