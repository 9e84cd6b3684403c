import { rotateWebhookSecret as rotateWebhookSecretUseCase } from '@fareway/core';
import { scopedMutation } from './scoped-procedures';
import { EndpointInput, WebhookEndpointWithSecretSchema } from './webhook-schemas';

export const rotateWebhookSecret = scopedMutation({
  method: 'POST',
  path: '/{endpointId}/rotate-secret',
  summary: 'Rotate the signing secret (shown once); the old one keeps signing beside it for 24 h',
  errors: ['WEBHOOK_ENDPOINT_NOT_FOUND'],
  input: EndpointInput,
  output: WebhookEndpointWithSecretSchema,
  run: ({ deps, actor, scope, origin }, input) => rotateWebhookSecretUseCase(deps, actor, scope, input, origin),
});
