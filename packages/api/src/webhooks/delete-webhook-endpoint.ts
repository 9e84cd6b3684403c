import { deleteWebhookEndpoint as deleteWebhookEndpointUseCase } from '@fareway/core';
import { z } from 'zod';
import { originOf } from '../identity-schemas';
import { adminProcedure, orgProcedure } from '../trpc';
import { ORG_ENDPOINTS, PLATFORM_ENDPOINTS } from './webhook-schemas';

const EndpointInput = z.object({ endpointId: z.uuid() });
const Deleted = z.object({ id: z.uuid(), deleted: z.literal(true) });

export const deleteOrgWebhookEndpoint = orgProcedure
  .meta({
    errors: ['WEBHOOK_ENDPOINT_NOT_FOUND'],
    openapi: { method: 'DELETE', path: `${ORG_ENDPOINTS}/{endpointId}`, tags: ['webhooks'], summary: 'Delete a webhook endpoint' },
  })
  .input(EndpointInput)
  .output(Deleted)
  .mutation(({ ctx, input }) =>
    deleteWebhookEndpointUseCase(ctx.deps, ctx.actor, { organizationId: input.organizationId }, input, originOf(ctx)),
  );

export const deletePlatformWebhookEndpoint = adminProcedure
  .meta({
    errors: ['WEBHOOK_ENDPOINT_NOT_FOUND'],
    openapi: {
      method: 'DELETE',
      path: `${PLATFORM_ENDPOINTS}/{endpointId}`,
      tags: ['webhooks'],
      summary: 'Delete a platform webhook endpoint',
    },
  })
  .input(EndpointInput)
  .output(Deleted)
  .mutation(({ ctx, input }) => deleteWebhookEndpointUseCase(ctx.deps, ctx.actor, { organizationId: null }, input, originOf(ctx)));
