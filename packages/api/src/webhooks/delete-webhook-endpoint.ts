import { deleteWebhookEndpoint as deleteWebhookEndpointUseCase } from '@fareway/core';
import { z } from 'zod';
import { scopedMutation } from './scoped-procedures';
import { EndpointInput } from './webhook-schemas';

export const deleteWebhookEndpoint = scopedMutation({
  method: 'DELETE',
  path: '/{endpointId}',
  summary: 'Delete a webhook endpoint',
  summaries: { org: 'Delete a webhook endpoint', platform: 'Delete a platform webhook endpoint' },
  errors: ['WEBHOOK_ENDPOINT_NOT_FOUND'],
  input: EndpointInput,
  output: z.object({ id: z.uuid(), deleted: z.literal(true) }),
  run: ({ deps, actor, scope, origin }, input) => deleteWebhookEndpointUseCase(deps, actor, scope, input, origin),
});
