import { type AppError, isAppError } from '@fareway/domain';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreateCheckoutInput, PaymentGateway, WebhookRequest } from '../payment-gateway';
import { type FakeStripe, startFakeStripe } from '../testing/fake-stripe';
import { createStripeGateway } from './stripe-gateway';

let fake: FakeStripe;
let gateway: PaymentGateway;

beforeAll(async () => {
  fake = await startFakeStripe();
  gateway = createStripeGateway({ ...fake.config, timeoutMs: 2000, maxNetworkRetries: 0 });
});
afterAll(() => fake.close());

const input = (intentId: string, amountMinor = 4999, currency = 'USD'): CreateCheckoutInput => ({
  intentId,
  amountMinor,
  currency,
  description: 'Fareway booking',
  customer: { id: 'u1', email: 'kim@example.com' },
  returnUrl: 'https://fareway.example/pay/return',
  cancelUrl: 'https://fareway.example/pay/cancel',
  notifyUrl: 'https://api.fareway.example/api/v1/payments/webhook/stripe',
});

async function refusal(request: WebhookRequest, now = new Date()): Promise<AppError> {
  const error = await gateway.verifyWebhook(request, now).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isAppError(error)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

describe('Stripe gateway (official client against the fake)', () => {
  it('creates a PaymentIntent with the intent id as idempotency key and returns its client secret', async () => {
    const result = await gateway.createCheckout(input('int_1', 4999, 'USD'));
    const intent = fake.paymentIntent('int_1');
    expect(result).toEqual({ checkout: { clientSecret: intent?.client_secret }, providerReference: intent?.id });
    expect(intent).toMatchObject({ amount: 4999, currency: 'usd', metadata: { intentId: 'int_1' } });
    const call = fake.requests.find((r) => r.path === '/v1/payment_intents' && r.method === 'POST');
    expect(call?.headers['idempotency-key']).toBe('int_1');
    expect(call?.headers.authorization).toBe(`Bearer ${fake.config.secretKey}`);
    // Initiating again returns the same PaymentIntent, never a second one.
    const again = await gateway.createCheckout(input('int_1', 4999, 'USD'));
    expect(again.providerReference).toBe(result.providerReference);
  });

  it('parses payment_intent.succeeded and payment_intent.payment_failed', async () => {
    await gateway.createCheckout(input('int_2', 125000, 'LKR'));
    const intent = fake.setStatus('int_2', 'succeeded');
    const request = fake.webhook('int_2', { eventId: 'evt_123' });
    await expect(gateway.verifyWebhook(request, new Date())).resolves.toEqual({
      eventId: 'evt_123',
      intentId: 'int_2',
      status: 'succeeded',
      amountMinor: 125000,
      currency: 'LKR',
      providerPaymentId: intent.id,
      needsConfirmation: false,
    });
    fake.setStatus('int_2', 'requires_payment_method');
    await expect(gateway.verifyWebhook(fake.webhook('int_2'), new Date())).resolves.toMatchObject({ status: 'failed' });
  });

  it("accepts a header made by Stripe's own library", async () => {
    await gateway.createCheckout(input('int_lib'));
    fake.setStatus('int_lib', 'succeeded');
    const { rawBody } = fake.webhook('int_lib');
    const header = new Stripe('sk_test_x').webhooks.generateTestHeaderString({
      payload: rawBody.toString(),
      secret: fake.config.webhookSecret,
    });
    await expect(gateway.verifyWebhook({ rawBody, headers: { 'stripe-signature': header } }, new Date())).resolves.toMatchObject({
      status: 'succeeded',
    });
  });

  it('refuses a tampered body, a wrong secret and a missing header', async () => {
    await gateway.createCheckout(input('int_3'));
    fake.setStatus('int_3', 'succeeded');
    const request = fake.webhook('int_3');
    const tampered = { ...request, rawBody: Buffer.from(request.rawBody.toString().replace('"amount":4999', '"amount":1')) };
    expect((await refusal(tampered)).code).toBe('WEBHOOK_SIGNATURE_INVALID');
    expect((await refusal(fake.webhook('int_3', { secret: 'whsec_wrong' }))).code).toBe('WEBHOOK_SIGNATURE_INVALID');
    expect((await refusal({ ...request, headers: {} })).code).toBe('WEBHOOK_SIGNATURE_INVALID');
  });

  it('refuses a 10-minute-old event (and one 10 minutes ahead)', async () => {
    await gateway.createCheckout(input('int_4'));
    fake.setStatus('int_4', 'succeeded');
    const now = new Date('2026-01-01T00:10:00Z');
    const t = Math.floor(now.getTime() / 1000);
    expect((await refusal(fake.webhook('int_4', { timestampSeconds: t - 600 }), now)).message).toMatch(/tolerance/);
    expect((await refusal(fake.webhook('int_4', { timestampSeconds: t + 600 }), now)).message).toMatch(/tolerance/);
    await expect(gateway.verifyWebhook(fake.webhook('int_4', { timestampSeconds: t - 299 }), now)).resolves.not.toBeNull();
  });

  it('ignores authentic events it does not act on', async () => {
    await gateway.createCheckout(input('int_5'));
    await expect(gateway.verifyWebhook(fake.webhook('int_5', { type: 'payment_intent.created' }), new Date())).resolves.toBeNull();
  });

  it('retrieves the PaymentIntent for status and compares it with the intent', async () => {
    const { providerReference } = await gateway.createCheckout(input('int_6', 4999, 'USD'));
    const query = { intentId: 'int_6', amountMinor: 4999, currency: 'USD', providerReference };
    await expect(gateway.fetchStatus(query)).resolves.toMatchObject({ status: 'pending' });
    fake.setStatus('int_6', 'succeeded');
    await expect(gateway.fetchStatus(query)).resolves.toEqual({
      intentId: 'int_6',
      status: 'succeeded',
      amountMinor: 4999,
      currency: 'USD',
      providerPaymentId: providerReference,
    });
    expect((await gateway.fetchStatus({ ...query, amountMinor: 5000 }))?.status).toBe('mismatch');
    expect((await gateway.fetchStatus({ ...query, currency: 'EUR' }))?.status).toBe('mismatch');
    expect((await gateway.fetchStatus({ ...query, intentId: 'int_other' }))?.status).toBe('mismatch');
    fake.setStatus('int_6', 'canceled');
    expect((await gateway.fetchStatus(query))?.status).toBe('failed');
    await expect(gateway.fetchStatus({ ...query, providerReference: 'pi_missing' })).resolves.toBeNull();
    await expect(gateway.fetchStatus({ intentId: 'int_6', amountMinor: 4999, currency: 'USD' })).resolves.toBeNull();
  });

  it('refunds with the refund key as idempotency key', async () => {
    const { providerReference } = await gateway.createCheckout(input('int_7', 10000, 'USD'));
    fake.setStatus('int_7', 'succeeded');
    const refund = { providerPaymentId: providerReference ?? '', amountMinor: 2500, currency: 'USD', refundKey: 'rf_1' };
    const first = await gateway.refund(refund);
    const retry = await gateway.refund(refund);
    expect(first.status).toBe('succeeded');
    expect(retry.refundId).toBe(first.refundId);
    expect(fake.refunds.filter((r) => r.payment_intent === providerReference)).toHaveLength(1);
    expect(fake.refunds.at(-1)).toMatchObject({ amount: 2500, metadata: { refundKey: 'rf_1' } });
    await expect(gateway.refund({ ...refund, refundKey: 'rf_2', amountMinor: 9000 })).rejects.toMatchObject({
      kind: 'http',
      httpStatus: 400,
      retryable: false,
    });
  });

  it('wraps Stripe errors and outages', async () => {
    const wrong = createStripeGateway({ ...fake.config, secretKey: 'sk_test_wrong', maxNetworkRetries: 0 });
    await expect(wrong.createCheckout(input('int_8'))).rejects.toMatchObject({ gateway: 'stripe', kind: 'http', httpStatus: 401 });
    fake.failNext({ status: 500, json: { error: { type: 'api_error', message: 'boom' } } });
    await expect(gateway.createCheckout(input('int_9'))).rejects.toMatchObject({ kind: 'http', httpStatus: 500, retryable: true });
    const down = createStripeGateway({ ...fake.config, apiUrl: 'http://127.0.0.1:1', maxNetworkRetries: 0 });
    await expect(down.createCheckout(input('int_10'))).rejects.toMatchObject({ kind: 'network', retryable: true });
  });

  it('gives up at the deadline', async () => {
    const impatient = createStripeGateway({ ...fake.config, timeoutMs: 150, maxNetworkRetries: 0 });
    fake.failNext({ status: 200, json: {}, delayMs: 1000 });
    await expect(impatient.createCheckout(input('int_11'))).rejects.toMatchObject({ kind: 'timeout', retryable: true });
  });
});
