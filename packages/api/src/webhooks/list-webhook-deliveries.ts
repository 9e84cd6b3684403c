import { listWebhookDeliveries as listWebhookDeliveriesUseCase } from '@fareway/core';
import { scopedQuery } from './scoped-procedures';
import { WebhookDeliveryPage, WebhookDeliveryPageInput } from './webhook-schemas';

export const listWebhookDeliveries = scopedQuery({
  method: 'GET',
  path: '/{endpointId}/deliveries',
  summary: "The endpoint's delivery log, newest first: status, response code, duration, attempts",
  errors: ['WEBHOOK_ENDPOINT_NOT_FOUND'],
  input: WebhookDeliveryPageInput,
  output: WebhookDeliveryPage,
  run: ({ deps, actor, scope }, input) => listWebhookDeliveriesUseCase(deps, actor, scope, input),
});
