import { updateWebhookEndpoint as updateWebhookEndpointUseCase } from '@fareway/core';
import { originOf } from '../identity-schemas';
import { adminProcedure, orgProcedure } from '../trpc';
import { ORG_ENDPOINTS, PLATFORM_ENDPOINTS, WebhookEndpointSchema, WebhookEndpointUpdateInput } from './webhook-schemas';

const summary = 'Change the URL or events, or turn the endpoint off or back on (which clears its failure streak)';

export const updateOrgWebhookEndpoint = orgProcedure
  .meta({
    errors: ['WEBHOOK_ENDPOINT_NOT_FOUND'],
    openapi: { method: 'PATCH', path: `${ORG_ENDPOINTS}/{endpointId}`, tags: ['webhooks'], summary },
  })
  .input(WebhookEndpointUpdateInput)
  .output(WebhookEndpointSchema)
  .mutation(({ ctx, input }) =>
    updateWebhookEndpointUseCase(ctx.deps, ctx.actor, { organizationId: input.organizationId }, input, originOf(ctx)),
  );

export const updatePlatformWebhookEndpoint = adminProcedure
  .meta({
    errors: ['WEBHOOK_ENDPOINT_NOT_FOUND'],
    openapi: { method: 'PATCH', path: `${PLATFORM_ENDPOINTS}/{endpointId}`, tags: ['webhooks'], summary },
  })
  .input(WebhookEndpointUpdateInput)
  .output(WebhookEndpointSchema)
  .mutation(({ ctx, input }) => updateWebhookEndpointUseCase(ctx.deps, ctx.actor, { organizationId: null }, input, originOf(ctx)));
