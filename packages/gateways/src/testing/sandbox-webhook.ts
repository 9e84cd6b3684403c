import type { WebhookRequest } from '../payment-gateway';
import { buildSandboxEventBody, type SandboxEventType, signSandboxEvent } from '../sandbox/sandbox-gateway';

/** What the hosted sandbox page posts when the customer clicks Approve (or Decline). */
export function sandboxWebhook(input: {
  secret: string;
  intentId: string;
  amountMinor: number;
  currency: string;
  type?: SandboxEventType;
  eventId?: string;
  now?: Date;
}): WebhookRequest {
  const body = buildSandboxEventBody({
    id: input.eventId ?? `sbx_evt_${input.intentId}_${input.type ?? 'payment.succeeded'}`,
    type: input.type ?? 'payment.succeeded',
    data: { intentId: input.intentId, amountMinor: input.amountMinor, currency: input.currency },
  });
  const seconds = Math.floor((input.now ?? new Date()).getTime() / 1000);
  return {
    rawBody: Buffer.from(body),
    headers: { 'content-type': 'application/json', 'fareway-signature': signSandboxEvent(input.secret, body, seconds) },
  };
}
