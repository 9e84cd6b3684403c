import { listWebhookEndpoints as listWebhookEndpointsUseCase } from '@fareway/core';
import { PageInput } from '../identity-schemas';
import { adminProcedure, orgProcedure } from '../trpc';
import { ORG_ENDPOINTS, PLATFORM_ENDPOINTS, WebhookEndpointPage } from './webhook-schemas';

export const listOrgWebhookEndpoints = orgProcedure
  .meta({
    errors: [],
    openapi: { method: 'GET', path: ORG_ENDPOINTS, tags: ['webhooks'], summary: "The organisation's webhook endpoints (owners)" },
  })
  .input(PageInput)
  .output(WebhookEndpointPage)
  .query(({ ctx, input }) => listWebhookEndpointsUseCase(ctx.deps, ctx.actor, { organizationId: input.organizationId }, input));

export const listPlatformWebhookEndpoints = adminProcedure
  .meta({
    errors: [],
    openapi: { method: 'GET', path: PLATFORM_ENDPOINTS, tags: ['webhooks'], summary: "The platform's webhook endpoints" },
  })
  .input(PageInput)
  .output(WebhookEndpointPage)
  .query(({ ctx, input }) => listWebhookEndpointsUseCase(ctx.deps, ctx.actor, { organizationId: null }, input));
