import type { WebhookRequest } from '../payment-gateway';
import { signTimestamped } from '../signing/timestamped-signature';
import type { StripeGatewayConfig } from '../stripe/stripe-gateway';
import { bearerOf, type FakeHttpServer, type FakeResponse, postWebhook, type RecordedRequest, startFakeServer } from './start-fake-server';

export type StripeIntentStatus = 'requires_payment_method' | 'processing' | 'succeeded' | 'canceled';

export interface FakeStripeIntent {
  id: string;
  object: 'payment_intent';
  amount: number;
  amount_received: number;
  currency: string;
  status: StripeIntentStatus;
  client_secret: string;
  description: string | null;
  metadata: Record<string, string>;
  livemode: false;
  created: number;
}

export interface FakeStripeRefund {
  id: string;
  object: 'refund';
  amount: number;
  currency: string;
  payment_intent: string;
  status: 'succeeded';
  metadata: Record<string, string>;
}

export interface FakeStripe extends FakeHttpServer {
  readonly config: Required<Pick<StripeGatewayConfig, 'secretKey' | 'webhookSecret' | 'apiUrl'>>;
  readonly refunds: FakeStripeRefund[];
  /** By our intent id (metadata.intentId) or by Stripe id (pi_...). */
  paymentIntent(id: string): FakeStripeIntent | undefined;
  /** Moves a PaymentIntent on; `overrides` make Stripe report another amount or currency. */
  setStatus(id: string, status: StripeIntentStatus, overrides?: { amount?: number; currency?: string }): FakeStripeIntent;
  /**
   * A signed event about the PaymentIntent (type from its status unless given), signed with
   * the webhook secret (or `secret`) at `timestampSeconds` (default: now).
   */
  webhook(id: string, options?: { type?: string; secret?: string; timestampSeconds?: number; eventId?: string }): WebhookRequest;
  sendWebhook(id: string, url: string): Promise<number>;
}

const EVENT_FOR_STATUS: Record<StripeIntentStatus, string> = {
  requires_payment_method: 'payment_intent.payment_failed',
  processing: 'payment_intent.processing',
  succeeded: 'payment_intent.succeeded',
  canceled: 'payment_intent.canceled',
};

/** Stripe's form encoding (`metadata[intentId]=x`) back into objects. */
function parseStripeForm(body: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const path = key.replace(/\]/g, '').split('[');
    let node = out;
    path.forEach((part, index) => {
      if (index === path.length - 1) {
        node[part] = value;
      } else {
        node[part] = (node[part] as Record<string, unknown> | undefined) ?? {};
        node = node[part] as Record<string, unknown>;
      }
    });
  }
  return out;
}

const stripeError = (status: number, type: string, message: string, code?: string): FakeResponse => ({
  status,
  json: { error: { type, message, ...(code ? { code } : {}) } },
});

export async function startFakeStripe(options: Partial<FakeStripe['config']> = {}): Promise<FakeStripe> {
  const secretKey = options.secretKey ?? 'sk_test_fake_fareway';
  const webhookSecret = options.webhookSecret ?? 'whsec_fake_fareway';
  const intents = new Map<string, FakeStripeIntent>();
  const refunds: FakeStripeRefund[] = [];
  const idempotent = new Map<string, FakeResponse>();
  let counter = 1;
  const id = (prefix: string) => `${prefix}_fake${String(counter++).padStart(8, '0')}`;

  const lookup = (key: string) => intents.get(key) ?? [...intents.values()].find((i) => i.metadata.intentId === key);
  const find = (key: string) => {
    const intent = lookup(key);
    if (!intent) throw new Error(`fake stripe: no PaymentIntent ${key}`);
    return intent;
  };

  function handle(request: RecordedRequest): FakeResponse {
    if (bearerOf(request) !== secretKey) return stripeError(401, 'invalid_request_error', 'Invalid API Key provided');
    const key = request.headers['idempotency-key'];
    const idemKey = typeof key === 'string' ? `${request.path}:${key}` : undefined;
    if (request.method === 'POST' && idemKey) {
      const seen = idempotent.get(idemKey);
      if (seen) return seen;
    }
    const answer = route(request);
    if (request.method === 'POST' && idemKey && answer.status < 500) idempotent.set(idemKey, answer);
    return answer;
  }

  function route(request: RecordedRequest): FakeResponse {
    if (request.method === 'POST' && request.path === '/v1/payment_intents') {
      const form = parseStripeForm(request.body);
      const amount = Number(form.amount);
      if (!Number.isSafeInteger(amount) || amount < 1 || typeof form.currency !== 'string') {
        return stripeError(400, 'invalid_request_error', 'amount and currency are required', 'parameter_missing');
      }
      const intentId = id('pi');
      const intent: FakeStripeIntent = {
        id: intentId,
        object: 'payment_intent',
        amount,
        amount_received: 0,
        currency: form.currency,
        status: 'requires_payment_method',
        client_secret: `${intentId}_secret_${id('cs')}`,
        description: typeof form.description === 'string' ? form.description : null,
        metadata: (form.metadata as Record<string, string> | undefined) ?? {},
        livemode: false,
        created: Math.floor(Date.now() / 1000),
      };
      intents.set(intentId, intent);
      return { status: 200, json: intent };
    }
    const retrieve = /^\/v1\/payment_intents\/([^/]+)$/.exec(request.path);
    if (request.method === 'GET' && retrieve) {
      const intent = intents.get(retrieve[1] ?? '');
      return intent
        ? { status: 200, json: intent }
        : stripeError(404, 'invalid_request_error', `No such payment_intent: '${retrieve[1]}'`, 'resource_missing');
    }
    if (request.method === 'POST' && request.path === '/v1/refunds') {
      const form = parseStripeForm(request.body);
      const intent = intents.get(String(form.payment_intent ?? ''));
      if (!intent)
        return stripeError(404, 'invalid_request_error', `No such payment_intent: '${String(form.payment_intent)}'`, 'resource_missing');
      if (intent.status !== 'succeeded')
        return stripeError(400, 'invalid_request_error', 'This PaymentIntent has no successful charge to refund.');
      const refunded = refunds.filter((r) => r.payment_intent === intent.id).reduce((sum, r) => sum + r.amount, 0);
      const amount = form.amount === undefined ? intent.amount - refunded : Number(form.amount);
      if (amount + refunded > intent.amount) {
        return stripeError(400, 'invalid_request_error', 'Refund amount is greater than unrefunded amount on charge', 'amount_too_large');
      }
      const refund: FakeStripeRefund = {
        id: id('re'),
        object: 'refund',
        amount,
        currency: intent.currency,
        payment_intent: intent.id,
        status: 'succeeded',
        metadata: (form.metadata as Record<string, string> | undefined) ?? {},
      };
      refunds.push(refund);
      return { status: 200, json: refund };
    }
    return stripeError(404, 'invalid_request_error', `Unrecognized request URL (${request.method}: ${request.path})`);
  }

  const server = await startFakeServer(handle);

  function webhook(
    key: string,
    opts: { type?: string; secret?: string; timestampSeconds?: number; eventId?: string } = {},
  ): WebhookRequest {
    const intent = find(key);
    const created = opts.timestampSeconds ?? Math.floor(Date.now() / 1000);
    const body = JSON.stringify({
      id: opts.eventId ?? id('evt'),
      object: 'event',
      api_version: '2025-01-27.acacia',
      created,
      livemode: false,
      pending_webhooks: 1,
      type: opts.type ?? EVENT_FOR_STATUS[intent.status],
      data: { object: intent },
    });
    return {
      rawBody: Buffer.from(body),
      headers: { 'content-type': 'application/json', 'stripe-signature': signTimestamped(opts.secret ?? webhookSecret, body, created) },
    };
  }

  return Object.assign(server, {
    config: { secretKey, webhookSecret, apiUrl: server.url },
    refunds,
    paymentIntent: lookup,
    setStatus(key: string, status: StripeIntentStatus, overrides: { amount?: number; currency?: string } = {}) {
      const intent = find(key);
      intent.status = status;
      if (overrides.amount !== undefined) intent.amount = overrides.amount;
      if (overrides.currency !== undefined) intent.currency = overrides.currency;
      intent.amount_received = status === 'succeeded' ? intent.amount : 0;
      return intent;
    },
    webhook,
    async sendWebhook(key: string, url: string) {
      const { rawBody, headers } = webhook(key);
      return postWebhook(url, rawBody, headers as Record<string, string>);
    },
  });
}
