import { type AppError, isAppError } from '@fareway/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GatewayError } from '../gateway-error';
import type { CreateCheckoutInput, PaymentGateway, WebhookRequest } from '../payment-gateway';
import { type FakePayHere, startFakePayHere } from '../testing/fake-payhere';
import { createPayHereGateway, PAYHERE_LIVE_URL, payHereCheckoutHash, payHereNotifySignature } from './payhere-gateway';

const now = new Date('2026-01-01T00:00:00Z');
let fake: FakePayHere;
let gateway: PaymentGateway;

beforeAll(async () => {
  fake = await startFakePayHere({ merchantId: '1211149' });
  gateway = createPayHereGateway({ ...fake.config, timeoutMs: 2000 });
});
afterAll(() => fake.close());

const input = (intentId: string, amountMinor = 100000): CreateCheckoutInput => ({
  intentId,
  amountMinor,
  currency: 'LKR',
  description: 'Colombo → Kandy, seat 1A',
  customer: { id: 'u1', name: 'Saman Kumara Perera', email: 'saman@example.com', phone: '+94771234567' },
  returnUrl: 'https://fareway.example/pay/return',
  cancelUrl: 'https://fareway.example/pay/cancel',
  notifyUrl: 'https://api.fareway.example/api/v1/payments/webhook/payhere',
});

/** Checkout, then the customer submits the form at (fake) PayHere. */
async function paidOrder(intentId: string, amountMinor = 100000) {
  const { checkout } = await gateway.createCheckout(input(intentId, amountMinor));
  if (!('fields' in checkout)) throw new Error('expected a form checkout');
  return fake.submitCheckout(checkout.fields);
}

async function refusal(request: WebhookRequest): Promise<AppError> {
  const error = await gateway.verifyWebhook(request, now).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isAppError(error)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

describe('PayHere hashes (vectors computed with md5sum)', () => {
  // inner = printf '%s' fareway-test-merchant-secret | md5sum → 605CF1280E45201BB6AAA998E1F16F5B
  it('computes the checkout hash', () => {
    expect(
      payHereCheckoutHash({
        merchantId: '1211149',
        orderId: 'ItemNo12345',
        amount: '1000.00',
        currency: 'LKR',
        merchantSecret: 'fareway-test-merchant-secret',
      }),
    ).toBe('C5D94F588C027989FF6AD2B30D0D9C90');
  });

  it("computes md5sig for PayHere's published sample notification (merchant 1213817, order 46, 4500.00 LKR)", () => {
    const sample = {
      merchantId: '1213817',
      orderId: '46',
      payhereAmount: '4500.00',
      payhereCurrency: 'LKR',
      merchantSecret: 'fareway-test-merchant-secret',
    };
    expect(payHereNotifySignature({ ...sample, statusCode: '2' })).toBe('A20AFD3229ECFE271A0410246ABFFA85');
    expect(payHereNotifySignature({ ...sample, statusCode: '-3' })).toBe('312160B0F4B73FF37177EB96B2ED1A1E');
  });
});

describe('PayHere gateway', () => {
  it('builds the checkout form PayHere requires, with a hash PayHere accepts', async () => {
    const { checkout, providerReference } = await gateway.createCheckout(input('ord_1', 123450));
    expect(providerReference).toBeUndefined();
    expect(checkout).toEqual({
      formAction: `${fake.url}/pay/checkout`,
      fields: {
        merchant_id: '1211149',
        return_url: 'https://fareway.example/pay/return',
        cancel_url: 'https://fareway.example/pay/cancel',
        notify_url: 'https://api.fareway.example/api/v1/payments/webhook/payhere',
        order_id: 'ord_1',
        items: 'Colombo → Kandy, seat 1A',
        currency: 'LKR',
        amount: '1234.50',
        first_name: 'Saman',
        last_name: 'Kumara Perera',
        email: 'saman@example.com',
        phone: '+94771234567',
        address: 'Not provided',
        city: 'Colombo',
        country: 'Sri Lanka',
        hash: payHereCheckoutHash({
          merchantId: '1211149',
          orderId: 'ord_1',
          amount: '1234.50',
          currency: 'LKR',
          merchantSecret: fake.config.merchantSecret,
        }),
      },
    });
    // The fake posts the form the way a browser does, and checks the hash like PayHere.
    if (!('fields' in checkout)) throw new Error('form expected');
    const response = await fetch(checkout.formAction, { method: 'POST', body: new URLSearchParams(checkout.fields) });
    expect(response.status).toBe(200);
    const forged = new URLSearchParams({ ...checkout.fields, amount: '1.00' });
    expect((await fetch(checkout.formAction, { method: 'POST', body: forged })).status).toBe(400);
  });

  it('defaults to the sandbox and can be pointed at live', async () => {
    const live = createPayHereGateway({ ...fake.config, baseUrl: PAYHERE_LIVE_URL });
    const { checkout } = await live.createCheckout(input('ord_live'));
    expect(checkout).toMatchObject({ formAction: 'https://www.payhere.lk/pay/checkout' });
    const { baseUrl: _ignored, ...noBase } = fake.config;
    expect((await createPayHereGateway(noBase).createCheckout(input('ord_sbx'))).checkout).toMatchObject({
      formAction: 'https://sandbox.payhere.lk/pay/checkout',
    });
  });

  it('parses a valid notification, exactly, with payment_id and status in the event id', async () => {
    await paidOrder('ord_2', 450010);
    fake.setStatus('ord_2', 2);
    const event = await gateway.verifyWebhook(fake.notification('ord_2'), now);
    expect(event).toEqual({
      eventId: `${fake.payment('ord_2')?.paymentId}:2`,
      intentId: 'ord_2',
      status: 'succeeded',
      amountMinor: 450010,
      currency: 'LKR',
      providerPaymentId: fake.payment('ord_2')?.paymentId,
      needsConfirmation: false,
    });
    fake.setStatus('ord_2', -3);
    const chargeback = await gateway.verifyWebhook(fake.notification('ord_2'), now);
    expect(chargeback?.status).toBe('reversed');
    expect(chargeback?.eventId).not.toBe(event?.eventId);
  });

  it.each([115, 229, 100, 1, 999999999])('parses payhere_amount exactly back to %d minor units', async (minor) => {
    await paidOrder(`ord_amount_${minor}`, minor);
    fake.setStatus(`ord_amount_${minor}`, 2);
    expect((await gateway.verifyWebhook(fake.notification(`ord_amount_${minor}`), now))?.amountMinor).toBe(minor);
    expect((await gateway.fetchStatus({ intentId: `ord_amount_${minor}`, amountMinor: minor, currency: 'LKR' }))?.status).toBe('succeeded');
  });

  it.each([
    [0, 'pending'],
    [-1, 'failed'],
    [-2, 'failed'],
  ] as const)('maps status_code %d to %s', async (code, status) => {
    await paidOrder(`ord_code${code}`);
    fake.setStatus(`ord_code${code}`, code);
    expect((await gateway.verifyWebhook(fake.notification(`ord_code${code}`), now))?.status).toBe(status);
  });

  it('refuses a tampered body', async () => {
    await paidOrder('ord_3');
    fake.setStatus('ord_3', 2);
    const request = fake.notification('ord_3');
    const tampered = Buffer.from(request.rawBody.toString().replace('payhere_amount=1000.00', 'payhere_amount=10.00'));
    expect((await refusal({ ...request, rawBody: tampered })).code).toBe('WEBHOOK_SIGNATURE_INVALID');
    const otherOrder = Buffer.from(request.rawBody.toString().replace('order_id=ord_3', 'order_id=ord_2'));
    expect((await refusal({ ...request, rawBody: otherOrder })).code).toBe('WEBHOOK_SIGNATURE_INVALID');
  });

  it('refuses a wrong secret, a missing md5sig and a repeated field', async () => {
    await paidOrder('ord_4');
    fake.setStatus('ord_4', 2);
    expect((await refusal(fake.notification('ord_4', { merchantSecret: 'not-the-secret' }))).code).toBe('WEBHOOK_SIGNATURE_INVALID');
    const request = fake.notification('ord_4');
    const noSig = Buffer.from(request.rawBody.toString().replace(/md5sig=[^&]*/, ''));
    expect((await refusal({ ...request, rawBody: noSig })).code).toBe('WEBHOOK_SIGNATURE_INVALID');
    const repeated = Buffer.from(`${request.rawBody.toString()}&order_id=ord_evil`);
    expect((await refusal({ ...request, rawBody: repeated })).code).toBe('WEBHOOK_SIGNATURE_INVALID');
  });

  it('refuses a notification signed for another merchant id', async () => {
    const other = await startFakePayHere({ merchantId: '9999999', merchantSecret: fake.config.merchantSecret });
    try {
      const otherGateway = createPayHereGateway({ ...other.config, timeoutMs: 2000 });
      const { checkout } = await otherGateway.createCheckout(input('ord_other'));
      if (!('fields' in checkout)) throw new Error('form expected');
      other.submitCheckout(checkout.fields);
      other.setStatus('ord_other', 2);
      expect((await refusal(other.notification('ord_other'))).message).toMatch(/merchant_id/);
    } finally {
      await other.close();
    }
  });

  it('delivers the notification to notify_url like PayHere does', async () => {
    const received: string[] = [];
    const { startFakeServer } = await import('../testing/start-fake-server');
    const merchant = await startFakeServer((request) => {
      received.push(request.body);
      return { status: 200, text: 'ok' };
    });
    try {
      const { checkout } = await gateway.createCheckout({ ...input('ord_notify'), notifyUrl: `${merchant.url}/notify` });
      if (!('fields' in checkout)) throw new Error('form expected');
      fake.submitCheckout(checkout.fields);
      fake.setStatus('ord_notify', 2);
      expect(await fake.sendNotification('ord_notify')).toBe(200);
      const event = await gateway.verifyWebhook({ rawBody: Buffer.from(received[0] ?? ''), headers: {} }, now);
      expect(event?.status).toBe('succeeded');
    } finally {
      await merchant.close();
    }
  });

  it('fetches the status through OAuth and the Retrieval API, checking amount and currency', async () => {
    await paidOrder('ord_5', 123456);
    await expect(gateway.fetchStatus({ intentId: 'ord_5', amountMinor: 123456, currency: 'LKR' })).resolves.toBeNull();
    fake.setStatus('ord_5', 2);
    await expect(gateway.fetchStatus({ intentId: 'ord_5', amountMinor: 123456, currency: 'LKR' })).resolves.toEqual({
      intentId: 'ord_5',
      status: 'succeeded',
      amountMinor: 123456,
      currency: 'LKR',
      providerPaymentId: fake.payment('ord_5')?.paymentId,
    });
    expect((await gateway.fetchStatus({ intentId: 'ord_5', amountMinor: 123400, currency: 'LKR' }))?.status).toBe('mismatch');
    expect((await gateway.fetchStatus({ intentId: 'ord_5', amountMinor: 123456, currency: 'USD' }))?.status).toBe('mismatch');

    const token = fake.requests.find((r) => r.path === '/merchant/v1/oauth/token');
    expect(token?.headers.authorization).toBe(`Basic ${Buffer.from(`${fake.config.appId}:${fake.config.appSecret}`).toString('base64')}`);
    expect(token?.body).toBe('grant_type=client_credentials');
    const search = fake.requests.filter((r) => r.path === '/merchant/v1/payment/search').at(-1);
    expect(search?.query.get('order_id')).toBe('ord_5');
    expect(search?.headers.authorization).toMatch(/^Bearer fake-token-/);
    // The token is cached between calls.
    expect(fake.requests.filter((r) => r.path === '/merchant/v1/oauth/token')).toHaveLength(1);
  });

  it('gets a new token when PayHere drops the cached one', async () => {
    await paidOrder('ord_6');
    fake.setStatus('ord_6', 2);
    await gateway.fetchStatus({ intentId: 'ord_6', amountMinor: 100000, currency: 'LKR' });
    fake.expireTokens();
    expect((await gateway.fetchStatus({ intentId: 'ord_6', amountMinor: 100000, currency: 'LKR' }))?.status).toBe('succeeded');
  });

  it('refunds through the Refund API and reports the refund id', async () => {
    const payment = await paidOrder('ord_7', 250000);
    fake.setStatus('ord_7', 2);
    const result = await gateway.refund({
      providerPaymentId: payment.paymentId,
      amountMinor: 100000,
      currency: 'LKR',
      refundKey: 'rf_1',
      reason: 'Trip cancelled',
    });
    expect(result.status).toBe('succeeded');
    expect(result.refundId).toBe(String(fake.payment('ord_7')?.refunds[0]?.refundId));
    expect(fake.payment('ord_7')?.refunds[0]).toMatchObject({ amount: '1000.00', description: 'Trip cancelled' });
    const call = fake.requests.filter((r) => r.path === '/merchant/v1/payment/refund').at(-1);
    expect(JSON.parse(call?.body ?? '{}')).toEqual({ payment_id: payment.paymentId, description: 'Trip cancelled', amount: '1000.00' });
  });

  it('reports a refused refund and an outage as GatewayErrors', async () => {
    await expect(gateway.refund({ providerPaymentId: '1', amountMinor: 100, currency: 'LKR', refundKey: 'rf_x' })).rejects.toMatchObject({
      kind: 'declined',
      message: 'payhere refund: Payment not refundable',
    });
    fake.failNext({ status: 502, text: 'Bad Gateway' });
    const error = await gateway.fetchStatus({ intentId: 'ord_7', amountMinor: 1, currency: 'LKR' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GatewayError);
    expect(error).toMatchObject({ kind: 'http', httpStatus: 502, retryable: true });
  });
});
