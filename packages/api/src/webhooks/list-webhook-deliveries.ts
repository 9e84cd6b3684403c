import { listWebhookDeliveries as listWebhookDeliveriesUseCase } from '@fareway/core';
import { adminProcedure, orgProcedure } from '../trpc';
import { ORG_ENDPOINTS, PLATFORM_ENDPOINTS, WebhookDeliveryPage, WebhookDeliveryPageInput } from './webhook-schemas';

const summary = "The endpoint's delivery log, newest first: status, response code, duration, attempts";

export const listOrgWebhookDeliveries = orgProcedure
  .meta({
    errors: ['WEBHOOK_ENDPOINT_NOT_FOUND'],
    openapi: { method: 'GET', path: `${ORG_ENDPOINTS}/{endpointId}/deliveries`, tags: ['webhooks'], summary },
  })
  .input(WebhookDeliveryPageInput)
  .output(WebhookDeliveryPage)
  .query(({ ctx, input }) => listWebhookDeliveriesUseCase(ctx.deps, ctx.actor, { organizationId: input.organizationId }, input));

export const listPlatformWebhookDeliveries = adminProcedure
  .meta({
    errors: ['WEBHOOK_ENDPOINT_NOT_FOUND'],
    openapi: { method: 'GET', path: `${PLATFORM_ENDPOINTS}/{endpointId}/deliveries`, tags: ['webhooks'], summary },
  })
  .input(WebhookDeliveryPageInput)
  .output(WebhookDeliveryPage)
  .query(({ ctx, input }) => listWebhookDeliveriesUseCase(ctx.deps, ctx.actor, { organizationId: null }, input));
