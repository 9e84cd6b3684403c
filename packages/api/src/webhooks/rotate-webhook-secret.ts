import { rotateWebhookSecret as rotateWebhookSecretUseCase } from '@fareway/core';
import { z } from 'zod';
import { originOf } from '../identity-schemas';
import { adminProcedure, orgProcedure } from '../trpc';
import { ORG_ENDPOINTS, PLATFORM_ENDPOINTS, WebhookEndpointWithSecretSchema } from './webhook-schemas';

const summary = 'Rotate the signing secret (shown once); the old one keeps signing beside it for 24 h';
const EndpointInput = z.object({ endpointId: z.uuid() });

export const rotateOrgWebhookSecret = orgProcedure
  .meta({
    errors: ['WEBHOOK_ENDPOINT_NOT_FOUND'],
    openapi: { method: 'POST', path: `${ORG_ENDPOINTS}/{endpointId}/rotate-secret`, tags: ['webhooks'], summary },
  })
  .input(EndpointInput)
  .output(WebhookEndpointWithSecretSchema)
  .mutation(({ ctx, input }) =>
    rotateWebhookSecretUseCase(ctx.deps, ctx.actor, { organizationId: input.organizationId }, input, originOf(ctx)),
  );

export const rotatePlatformWebhookSecret = adminProcedure
  .meta({
    errors: ['WEBHOOK_ENDPOINT_NOT_FOUND'],
    openapi: { method: 'POST', path: `${PLATFORM_ENDPOINTS}/{endpointId}/rotate-secret`, tags: ['webhooks'], summary },
  })
  .input(EndpointInput)
  .output(WebhookEndpointWithSecretSchema)
  .mutation(({ ctx, input }) => rotateWebhookSecretUseCase(ctx.deps, ctx.actor, { organizationId: null }, input, originOf(ctx)));
