import { createWebhookEndpoint as createWebhookEndpointUseCase } from '@fareway/core';
import { originOf } from '../identity-schemas';
import { adminProcedure, orgProcedure } from '../trpc';
import { ORG_ENDPOINTS, PLATFORM_ENDPOINTS, WebhookEndpointInput, WebhookEndpointWithSecretSchema } from './webhook-schemas';

const summary = 'Register a webhook endpoint; the answer carries its signing secret, shown this once';

export const createOrgWebhookEndpoint = orgProcedure
  .meta({ errors: [], openapi: { method: 'POST', path: ORG_ENDPOINTS, tags: ['webhooks'], summary: `${summary} (owners)` } })
  .input(WebhookEndpointInput)
  .output(WebhookEndpointWithSecretSchema)
  .mutation(({ ctx, input }) =>
    createWebhookEndpointUseCase(ctx.deps, ctx.actor, { organizationId: input.organizationId }, input, originOf(ctx)),
  );

export const createPlatformWebhookEndpoint = adminProcedure
  .meta({
    errors: [],
    openapi: {
      method: 'POST',
      path: PLATFORM_ENDPOINTS,
      tags: ['webhooks'],
      summary: `${summary} (platform, every organisation's events)`,
    },
  })
  .input(WebhookEndpointInput)
  .output(WebhookEndpointWithSecretSchema)
  .mutation(({ ctx, input }) => createWebhookEndpointUseCase(ctx.deps, ctx.actor, { organizationId: null }, input, originOf(ctx)));
