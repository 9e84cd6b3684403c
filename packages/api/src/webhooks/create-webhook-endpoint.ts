import { createWebhookEndpoint as createWebhookEndpointUseCase } from '@fareway/core';
import { scopedMutation } from './scoped-procedures';
import { WebhookEndpointInput, WebhookEndpointWithSecretSchema } from './webhook-schemas';

const summary = 'Register a webhook endpoint; the answer carries its signing secret, shown this once';

export const createWebhookEndpoint = scopedMutation({
  method: 'POST',
  path: '',
  summary,
  summaries: { org: `${summary} (owners)`, platform: `${summary} (platform, every organisation's events)` },
  errors: [],
  input: WebhookEndpointInput,
  output: WebhookEndpointWithSecretSchema,
  run: ({ deps, actor, scope, origin }, input) => createWebhookEndpointUseCase(deps, actor, scope, input, origin),
});
