import { replayWebhookDelivery as replayWebhookDeliveryUseCase } from '@fareway/core';
import { z } from 'zod';
import { scopedMutation } from './scoped-procedures';
import { WebhookDeliverySchema } from './webhook-schemas';

export const replayWebhookDelivery = scopedMutation({
  method: 'POST',
  path: '/{endpointId}/deliveries/{eventId}/replay',
  summary: 'Send a delivery again now, with the same event id and body',
  errors: ['WEBHOOK_ENDPOINT_NOT_FOUND', 'NOT_FOUND'],
  input: z.object({ endpointId: z.uuid(), eventId: z.uuid() }),
  output: WebhookDeliverySchema,
  run: ({ deps, actor, scope, origin }, input) => replayWebhookDeliveryUseCase(deps, actor, scope, input, origin),
});
