import { updateWebhookEndpoint as updateWebhookEndpointUseCase } from '@fareway/core';
import { scopedMutation } from './scoped-procedures';
import { WebhookEndpointSchema, WebhookEndpointUpdateInput } from './webhook-schemas';

export const updateWebhookEndpoint = scopedMutation({
  method: 'PATCH',
  path: '/{endpointId}',
  summary: 'Change the URL or events, or turn the endpoint off or back on (which clears its failure streak)',
  errors: ['WEBHOOK_ENDPOINT_NOT_FOUND'],
  input: WebhookEndpointUpdateInput,
  output: WebhookEndpointSchema,
  run: ({ deps, actor, scope, origin }, input) => updateWebhookEndpointUseCase(deps, actor, scope, input, origin),
});
