import { replayWebhookDelivery as replayWebhookDeliveryUseCase } from '@fareway/core';
import { z } from 'zod';
import { originOf } from '../identity-schemas';
import { adminProcedure, orgProcedure } from '../trpc';
import { ORG_ENDPOINTS, PLATFORM_ENDPOINTS, WebhookDeliverySchema } from './webhook-schemas';

const summary = 'Send a delivery again now, with the same event id and body';
const DeliveryInput = z.object({ endpointId: z.uuid(), eventId: z.uuid() });

export const replayOrgWebhookDelivery = orgProcedure
  .meta({
    errors: ['WEBHOOK_ENDPOINT_NOT_FOUND', 'NOT_FOUND'],
    openapi: { method: 'POST', path: `${ORG_ENDPOINTS}/{endpointId}/deliveries/{eventId}/replay`, tags: ['webhooks'], summary },
  })
  .input(DeliveryInput)
  .output(WebhookDeliverySchema)
  .mutation(({ ctx, input }) =>
    replayWebhookDeliveryUseCase(ctx.deps, ctx.actor, { organizationId: input.organizationId }, input, originOf(ctx)),
  );

export const replayPlatformWebhookDelivery = adminProcedure
  .meta({
    errors: ['WEBHOOK_ENDPOINT_NOT_FOUND', 'NOT_FOUND'],
    openapi: { method: 'POST', path: `${PLATFORM_ENDPOINTS}/{endpointId}/deliveries/{eventId}/replay`, tags: ['webhooks'], summary },
  })
  .input(DeliveryInput)
  .output(WebhookDeliverySchema)
  .mutation(({ ctx, input }) => replayWebhookDeliveryUseCase(ctx.deps, ctx.actor, { organizationId: null }, input, originOf(ctx)));
