import { router } from '../trpc';
import { createWebhookEndpoint } from './create-webhook-endpoint';
import { deleteWebhookEndpoint } from './delete-webhook-endpoint';
import { listWebhookDeliveries } from './list-webhook-deliveries';
import { listWebhookEndpoints } from './list-webhook-endpoints';
import { replayWebhookDelivery } from './replay-webhook-delivery';
import { rotateWebhookSecret } from './rotate-webhook-secret';
import { sendTestWebhook } from './send-test-webhook';
import { updateWebhookEndpoint } from './update-webhook-endpoint';

const operations = {
  create: createWebhookEndpoint,
  list: listWebhookEndpoints,
  update: updateWebhookEndpoint,
  delete: deleteWebhookEndpoint,
  rotateSecret: rotateWebhookSecret,
  sendTest: sendTestWebhook,
  deliveries: listWebhookDeliveries,
  replay: replayWebhookDelivery,
};

/** An operator organisation's webhook endpoints (owners and admins; others are told the organisation does not exist). */
export const orgWebhookEndpointsRouter = router({
  create: operations.create.org,
  list: operations.list.org,
  update: operations.update.org,
  delete: operations.delete.org,
  rotateSecret: operations.rotateSecret.org,
  sendTest: operations.sendTest.org,
  deliveries: operations.deliveries.org,
  replay: operations.replay.org,
});

/** The platform's own endpoints (admins), which hear every organisation's events. */
export const platformWebhookEndpointsRouter = router({
  create: operations.create.platform,
  list: operations.list.platform,
  update: operations.update.platform,
  delete: operations.delete.platform,
  rotateSecret: operations.rotateSecret.platform,
  sendTest: operations.sendTest.platform,
  deliveries: operations.deliveries.platform,
  replay: operations.replay.platform,
});
