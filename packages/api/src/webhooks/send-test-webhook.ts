import { sendTestWebhook as sendTestWebhookUseCase } from '@fareway/core';
import { z } from 'zod';
import { scopedMutation } from './scoped-procedures';
import { EndpointInput } from './webhook-schemas';

export const sendTestWebhook = scopedMutation({
  method: 'POST',
  path: '/{endpointId}/test',
  summary: 'Send an `endpoint.test` event to this endpoint, signed and logged like any delivery',
  errors: ['WEBHOOK_ENDPOINT_NOT_FOUND'],
  input: EndpointInput,
  output: z.object({ eventId: z.uuid() }),
  run: ({ deps, actor, scope }, input) => sendTestWebhookUseCase(deps, actor, scope, input),
});
