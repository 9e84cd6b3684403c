import { listWebhookEndpoints as listWebhookEndpointsUseCase } from '@fareway/core';
import { PageInput } from '../identity-schemas';
import { scopedQuery } from './scoped-procedures';
import { WebhookEndpointPage } from './webhook-schemas';

export const listWebhookEndpoints = scopedQuery({
  method: 'GET',
  path: '',
  summary: "The platform's webhook endpoints",
  summaries: { org: "The organisation's webhook endpoints (owners)", platform: "The platform's webhook endpoints" },
  errors: [],
  input: PageInput,
  output: WebhookEndpointPage,
  run: ({ deps, actor, scope }, input) => listWebhookEndpointsUseCase(deps, actor, scope, input),
});
