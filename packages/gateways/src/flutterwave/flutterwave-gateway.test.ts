import { type AppError, isAppError } from '@fareway/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreateCheckoutInput, PaymentGateway, WebhookRequest } from '../payment-gateway';
import { type FakeFlutterwave, startFakeFlutterwave } from '../testing/fake-flutterwave';
import { createFlutterwaveGateway } from './flutterwave-gateway';

const now = new Date('2026-01-01T00:00:00Z');
let fake: FakeFlutterwave;
let gateway: PaymentGateway;

beforeAll(async () => {
  fake = await startFakeFlutterwave();
  gateway = createFlutterwaveGateway({ ...fake.config, timeoutMs: 2000 });
});
afterAll(() => fake.close());

const input = (intentId: string, amountMinor = 690000, currency = 'NGN'): CreateCheckoutInput => ({
  intentId,
  amountMinor,
  currency,
  description: 'Lagos → Abuja, seat 4C',
  customer: { id: 'u1', name: 'Ada Obi', email: 'ada@example.com', phone: '+2348012345678' },
  returnUrl: 'https://fareway.example/pay/return',
  cancelUrl: 'https://fareway.example/pay/cancel',
  notifyUrl: 'https://api.fareway.example/api/v1/payments/webhook/flutterwave',
});

async function refusal(request: WebhookRequest): Promise<AppError> {
  const error = await gateway.verifyWebhook(request, now).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isAppError(error)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

describe('Flutterwave gateway', () => {
  it('creates a hosted payment link with the amount in major units', async () => {
    const result = await gateway.createCheckout(input('tx_1', 690050));
    const transaction = fake.transaction('tx_1');
    expect(result).toEqual({ checkout: { url: `${fake.url}/hosted/pay/${transaction?.id}` } });
    const call = fake.requests.find((r) => r.path === '/v3/payments');
    expect(call?.headers.authorization).toBe(`Bearer ${fake.config.secretKey}`);
    expect(JSON.parse(call?.body ?? '{}')).toEqual({
      tx_ref: 'tx_1',
      amount: 6900.5,
      currency: 'NGN',
      redirect_url: 'https://fareway.example/pay/return',
      customer: { email: 'ada@example.com', phonenumber: '+2348012345678', name: 'Ada Obi' },
      customizations: { title: 'Fareway', description: 'Lagos → Abuja, seat 4C' },
      meta: { intentId: 'tx_1' },
    });
  });

  it('reports a refused key as an HTTP error', async () => {
    const wrong = createFlutterwaveGateway({ ...fake.config, secretKey: 'FLWSECK_TEST-wrong' });
    await expect(wrong.createCheckout(input('tx_bad'))).rejects.toMatchObject({ kind: 'http', httpStatus: 401, retryable: false });
  });

  it('parses charge.completed as a hint that needs verification', async () => {
    await gateway.createCheckout(input('tx_2'));
    const t = fake.setStatus('tx_2', 'successful');
    await expect(gateway.verifyWebhook(fake.webhook('tx_2'), now)).resolves.toEqual({
      eventId: `${t.id}:successful`,
      intentId: 'tx_2',
      status: 'succeeded',
      amountMinor: 690000,
      currency: 'NGN',
      providerPaymentId: String(t.id),
      needsConfirmation: true,
    });
    fake.setStatus('tx_2', 'failed');
    await expect(gateway.verifyWebhook(fake.webhook('tx_2'), now)).resolves.toMatchObject({ status: 'failed', eventId: `${t.id}:failed` });
  });

  it('refuses a wrong verif-hash and a missing one; ignores other events', async () => {
    await gateway.createCheckout(input('tx_3'));
    fake.setStatus('tx_3', 'successful');
    expect((await refusal(fake.webhook('tx_3', { secretHash: 'guess' }))).code).toBe('WEBHOOK_SIGNATURE_INVALID');
    expect((await refusal(fake.webhook('tx_3', { secretHash: `${fake.config.secretHash}x` }))).code).toBe('WEBHOOK_SIGNATURE_INVALID');
    expect((await refusal({ ...fake.webhook('tx_3'), headers: {} })).code).toBe('WEBHOOK_SIGNATURE_INVALID');
    const transfer = {
      ...fake.webhook('tx_3'),
      rawBody: Buffer.from(fake.webhook('tx_3').rawBody.toString().replace('charge.completed', 'transfer.completed')),
    };
    await expect(gateway.verifyWebhook(transfer, now)).resolves.toBeNull();
  });

  it('never trusts the body: a tampered webhook still only triggers verification, which tells the truth', async () => {
    const { checkout } = await gateway.createCheckout(input('tx_4'));
    expect(checkout).toHaveProperty('url');
    fake.setStatus('tx_4', 'failed');
    // verif-hash signs nothing, so a forged "successful" body passes the header check...
    const forged = {
      ...fake.webhook('tx_4'),
      rawBody: Buffer.from(fake.webhook('tx_4').rawBody.toString().replace('"status":"failed"', '"status":"successful"')),
    };
    const event = await gateway.verifyWebhook(forged, now);
    expect(event).toMatchObject({ status: 'succeeded', needsConfirmation: true });
    // ...and is exactly why the core must act on fetchStatus, which verifies by API.
    const status = await gateway.fetchStatus({
      intentId: 'tx_4',
      amountMinor: 690000,
      currency: 'NGN',
      providerPaymentId: event?.providerPaymentId,
    });
    expect(status?.status).toBe('failed');
  });

  it('verifies by transaction id and by reference', async () => {
    await gateway.createCheckout(input('tx_5', 690050));
    const t = fake.setStatus('tx_5', 'successful');
    const expected = { intentId: 'tx_5', status: 'succeeded', amountMinor: 690050, currency: 'NGN', providerPaymentId: String(t.id) };
    await expect(
      gateway.fetchStatus({ intentId: 'tx_5', amountMinor: 690050, currency: 'NGN', providerPaymentId: String(t.id) }),
    ).resolves.toEqual(expected);
    await expect(gateway.fetchStatus({ intentId: 'tx_5', amountMinor: 690050, currency: 'NGN' })).resolves.toEqual(expected);
    const paths = fake.requests.map((r) => `${r.path}${r.query.size ? `?${r.query}` : ''}`);
    expect(paths).toContain(`/v3/transactions/${t.id}/verify`);
    expect(paths).toContain('/v3/transactions/verify_by_reference?tx_ref=tx_5');
  });

  it.each([115, 229, 1, 123456789])('round-trips %d minor units exactly through major-unit JSON', async (minor) => {
    await gateway.createCheckout(input(`tx_amount_${minor}`, minor));
    const t = fake.setStatus(`tx_amount_${minor}`, 'successful');
    expect((await gateway.verifyWebhook(fake.webhook(`tx_amount_${minor}`), now))?.amountMinor).toBe(minor);
    const status = await gateway.fetchStatus({
      intentId: `tx_amount_${minor}`,
      amountMinor: minor,
      currency: 'NGN',
      providerPaymentId: String(t.id),
    });
    expect(status).toMatchObject({ status: 'succeeded', amountMinor: minor });
  });

  it.each([
    ['amount', { amount: 6899.99 }],
    ['currency', { currency: 'USD' }],
    ['tx_ref', { txRef: 'tx_someone_else' }],
  ])('reports a successful transaction with another %s as a mismatch, never a success', async (_field, overrides) => {
    const intentId = `tx_mm_${_field}`;
    await gateway.createCheckout(input(intentId));
    const t = fake.setStatus(intentId, 'successful', overrides);
    const status = await gateway.fetchStatus({ intentId, amountMinor: 690000, currency: 'NGN', providerPaymentId: String(t.id) });
    expect(status?.status).toBe('mismatch');
  });

  it('keeps pending as pending, and knows nothing of an unknown transaction', async () => {
    await gateway.createCheckout(input('tx_6'));
    expect((await gateway.fetchStatus({ intentId: 'tx_6', amountMinor: 690000, currency: 'NGN' }))?.status).toBe('pending');
    await expect(gateway.fetchStatus({ intentId: 'tx_unknown', amountMinor: 1, currency: 'NGN' })).resolves.toBeNull();
    await expect(
      gateway.fetchStatus({ intentId: 'tx_unknown', amountMinor: 1, currency: 'NGN', providerPaymentId: '1' }),
    ).resolves.toBeNull();
  });

  it('surfaces other verification failures as errors', async () => {
    fake.failNext({ status: 400, json: { status: 'error', message: 'Invalid transaction id format' } });
    await expect(
      gateway.fetchStatus({ intentId: 'tx_6', amountMinor: 1, currency: 'NGN', providerPaymentId: 'abc' }),
    ).rejects.toMatchObject({
      kind: 'http',
      httpStatus: 400,
    });
    fake.failNext({ status: 500, json: { status: 'error', message: 'Internal error' } });
    await expect(gateway.fetchStatus({ intentId: 'tx_6', amountMinor: 1, currency: 'NGN' })).rejects.toMatchObject({
      kind: 'http',
      retryable: true,
    });
  });

  it('refunds by transaction id with the amount in major units', async () => {
    await gateway.createCheckout(input('tx_7', 690000));
    const t = fake.setStatus('tx_7', 'successful');
    const result = await gateway.refund({
      providerPaymentId: String(t.id),
      amountMinor: 250050,
      currency: 'NGN',
      refundKey: 'rf_1',
      reason: 'Trip cancelled',
    });
    expect(result).toEqual({ refundId: String(t.refunds[0]?.id), status: 'succeeded' });
    expect(t.refunds[0]).toMatchObject({ amount: 2500.5, comments: 'Trip cancelled' });
    const pending = await gateway.createCheckout(input('tx_8'));
    expect(pending.checkout).toHaveProperty('url');
    await expect(
      gateway.refund({ providerPaymentId: String(fake.transaction('tx_8')?.id), amountMinor: 1, currency: 'NGN', refundKey: 'rf_2' }),
    ).rejects.toMatchObject({
      kind: 'http',
      httpStatus: 400,
    });
  });
});
