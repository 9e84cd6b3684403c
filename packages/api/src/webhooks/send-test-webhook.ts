import { sendTestWebhook as sendTestWebhookUseCase } from '@fareway/core';
import { z } from 'zod';
import { adminProcedure, orgProcedure } from '../trpc';
import { ORG_ENDPOINTS, PLATFORM_ENDPOINTS } from './webhook-schemas';

const summary = 'Send an `endpoint.test` event to this endpoint, signed and logged like any delivery';
const EndpointInput = z.object({ endpointId: z.uuid() });
const Sent = z.object({ eventId: z.uuid() });

export const sendOrgTestWebhook = orgProcedure
  .meta({
    errors: ['WEBHOOK_ENDPOINT_NOT_FOUND'],
    openapi: { method: 'POST', path: `${ORG_ENDPOINTS}/{endpointId}/test`, tags: ['webhooks'], summary },
  })
  .input(EndpointInput)
  .output(Sent)
  .mutation(({ ctx, input }) => sendTestWebhookUseCase(ctx.deps, ctx.actor, { organizationId: input.organizationId }, input));

export const sendPlatformTestWebhook = adminProcedure
  .meta({
    errors: ['WEBHOOK_ENDPOINT_NOT_FOUND'],
    openapi: { method: 'POST', path: `${PLATFORM_ENDPOINTS}/{endpointId}/test`, tags: ['webhooks'], summary },
  })
  .input(EndpointInput)
  .output(Sent)
  .mutation(({ ctx, input }) => sendTestWebhookUseCase(ctx.deps, ctx.actor, { organizationId: null }, input));
