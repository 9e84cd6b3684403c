import { type AppError, isAppError } from '@fareway/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreateCheckoutInput, PaymentGateway, WebhookRequest } from '../payment-gateway';
import { type FakeMintPay, startFakeMintPay } from '../testing/fake-mintpay';
import { createMintPayGateway, mintPayFailHash, mintPaySuccessHash } from './mintpay-gateway';

const now = new Date('2026-01-01T00:00:00Z');
const notifyUrl = 'https://api.fareway.example/api/v1/payments/webhook/mintpay';
let fake: FakeMintPay;
let gateway: PaymentGateway;

beforeAll(async () => {
  fake = await startFakeMintPay();
  gateway = createMintPayGateway({ ...fake.config, timeoutMs: 2000 });
});
afterAll(() => fake.close());

const input = (intentId: string, amountMinor = 1500000): CreateCheckoutInput => ({
  intentId,
  amountMinor,
  currency: 'LKR',
  description: 'Toyota Aqua, 3 days',
  customer: { id: 'u1', name: 'Nimali Silva', email: 'nimali@example.com', phone: '+94771234567' },
  returnUrl: 'https://fareway.example/pay/return',
  cancelUrl: 'https://fareway.example/pay/cancel',
  notifyUrl,
});

async function refusal(request: WebhookRequest): Promise<AppError> {
  const error = await gateway.verifyWebhook(request, now).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isAppError(error)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

describe('MintPay return hashes (vectors computed with openssl | base64)', () => {
  it('computes the success and fail hashes', () => {
    expect(mintPaySuccessHash({ merchantId: 'mp0001', amount: '1000.00', orderId: 'order-1', merchantSecret: 'mint-secret' })).toBe(
      'NDVjNWM1MTM3NzFkNmI2NGZkOTQ5NjBiMzkxZGU2YTEzZjRkYTNhOGVhYzQ5OTcwZDc4ZTNhOGQ3M2E5M2M1MA==',
    );
    expect(mintPayFailHash({ orderId: 'order-1', merchantSecret: 'mint-secret' })).toBe(
      'OWU1Y2EyNmE1ZDJmMTQ4YmQxMGViYjUzMzdmMjRlYzJjOWU4ZGVkZjg2Zjc1ZDYwNmM0YTA5YjY2OTVlYWU0OQ==',
    );
  });
});

describe('MintPay gateway', () => {
  it('creates the order by API and sends the browser to the login form with the purchase id', async () => {
    const result = await gateway.createCheckout(input('ord_1', 1234550));
    const purchase = fake.purchase('ord_1');
    expect(result).toEqual({
      checkout: { formAction: `${fake.url}/user-order/login/`, fields: { purchase_id: purchase?.purchaseId } },
      providerReference: purchase?.purchaseId,
    });
    const request = fake.requests.find((r) => r.path === '/user-order/api/');
    expect(request?.headers.authorization).toBe(`Token ${fake.config.merchantSecret}`);
    expect(purchase?.order).toMatchObject({
      merchant_id: 'mp0001',
      order_id: 'ord_1',
      total_price: '12345.50',
      customer_email: 'nimali@example.com',
      customer_telephone: '+94771234567',
      currency_code: 'LKR',
      products: [{ name: 'Toyota Aqua, 3 days', quantity: 1, unit_price: '12345.50' }],
    });
    expect(purchase?.successUrl.startsWith(`${notifyUrl}?orderId=ord_1&amount=12345.50&result=success&hash=`)).toBe(true);
    expect(purchase?.failUrl.startsWith(`${notifyUrl}?orderId=ord_1&amount=12345.50&result=fail&hash=`)).toBe(true);
  });

  it('refuses currencies MintPay does not take, and reports a refused order', async () => {
    await expect(gateway.createCheckout({ ...input('ord_usd'), currency: 'USD' })).rejects.toMatchObject({ kind: 'unsupported' });
    const wrongMerchant = createMintPayGateway({ ...fake.config, merchantId: 'mp9999' });
    await expect(wrongMerchant.createCheckout(input('ord_x'))).rejects.toMatchObject({ kind: 'declined', message: /Invalid merchant/ });
    const wrongToken = createMintPayGateway({ ...fake.config, merchantSecret: 'wrong' });
    await expect(wrongToken.createCheckout(input('ord_y'))).rejects.toMatchObject({ kind: 'http', httpStatus: 401 });
  });

  it('reads the browser return as a hint that needs confirmation', async () => {
    await gateway.createCheckout(input('ord_2', 1500000));
    fake.setStatus('ord_2', 'Approved');
    await expect(gateway.verifyWebhook(fake.returnRequest('ord_2'), now)).resolves.toEqual({
      eventId: 'ord_2:success',
      intentId: 'ord_2',
      status: 'succeeded',
      amountMinor: 1500000,
      currency: 'LKR',
      needsConfirmation: true,
    });
    fake.setStatus('ord_2', 'Rejected');
    await expect(gateway.verifyWebhook(fake.returnRequest('ord_2'), now)).resolves.toMatchObject({
      eventId: 'ord_2:fail',
      status: 'failed',
      needsConfirmation: true,
    });
  });

  it('refuses a tampered return and one hashed with another secret', async () => {
    await gateway.createCheckout(input('ord_3', 1500000));
    fake.setStatus('ord_3', 'Approved');
    const request = fake.returnRequest('ord_3');
    const cheaper = Buffer.from(request.rawBody.toString().replace('amount=15000.00', 'amount=1.00'));
    expect((await refusal({ ...request, rawBody: cheaper })).code).toBe('WEBHOOK_SIGNATURE_INVALID');
    // A fail URL turned into a success URL by editing `result`.
    fake.setStatus('ord_3', 'Rejected');
    const flipped = Buffer.from(fake.returnRequest('ord_3').rawBody.toString().replace('result=fail', 'result=success'));
    expect((await refusal({ ...request, rawBody: flipped })).code).toBe('WEBHOOK_SIGNATURE_INVALID');
    const other = createMintPayGateway({ ...fake.config, merchantSecret: 'another-secret' });
    fake.setStatus('ord_3', 'Approved');
    await expect(other.verifyWebhook(fake.returnRequest('ord_3'), now)).rejects.toMatchObject({ code: 'WEBHOOK_SIGNATURE_INVALID' });
    expect((await refusal({ rawBody: Buffer.from('orderId=ord_3&result=success'), headers: {} })).code).toBe('WEBHOOK_SIGNATURE_INVALID');
  });

  it('confirms with the status API, checking order id and amount', async () => {
    const { providerReference } = await gateway.createCheckout(input('ord_4', 1500050));
    const query = { intentId: 'ord_4', amountMinor: 1500050, currency: 'LKR', providerReference };
    await expect(gateway.fetchStatus(query)).resolves.toMatchObject({ status: 'pending' });
    fake.setStatus('ord_4', 'Approved');
    await expect(gateway.fetchStatus(query)).resolves.toEqual({
      intentId: 'ord_4',
      status: 'succeeded',
      amountMinor: 1500050,
      currency: 'LKR',
      providerPaymentId: providerReference,
    });
    const call = fake.requests.filter((r) => r.path.startsWith('/user-order/api/status/')).at(-1);
    expect(call?.path).toBe(`/user-order/api/status/merchantId/mp0001/purchaseId/${providerReference}`);
    fake.setStatus('ord_4', 'Approved', { totalPrice: 150.5 });
    expect((await gateway.fetchStatus(query))?.status).toBe('mismatch');
    fake.setStatus('ord_4', 'Rejected', { totalPrice: 15000.5 });
    expect((await gateway.fetchStatus(query))?.status).toBe('failed');
    // The purchase of another order never confirms this one.
    fake.setStatus('ord_4', 'Approved');
    expect((await gateway.fetchStatus({ ...query, intentId: 'ord_other' }))?.status).toBe('mismatch');
  });

  it.each([115, 229, 1])('reads total_price exactly (%d minor units)', async (minor) => {
    const { providerReference } = await gateway.createCheckout(input(`ord_amount_${minor}`, minor));
    fake.setStatus(`ord_amount_${minor}`, 'Approved');
    expect((await gateway.verifyWebhook(fake.returnRequest(`ord_amount_${minor}`), now))?.amountMinor).toBe(minor);
    const status = await gateway.fetchStatus({ intentId: `ord_amount_${minor}`, amountMinor: minor, currency: 'LKR', providerReference });
    expect(status).toMatchObject({ status: 'succeeded', amountMinor: minor });
  });

  it('knows nothing without a purchase id or for an unknown purchase', async () => {
    await expect(gateway.fetchStatus({ intentId: 'ord_4', amountMinor: 1, currency: 'LKR' })).resolves.toBeNull();
    await expect(
      gateway.fetchStatus({ intentId: 'ord_4', amountMinor: 1, currency: 'LKR', providerReference: '424242' }),
    ).resolves.toBeNull();
  });

  it('has no refund API', async () => {
    await expect(gateway.refund({ providerPaymentId: '1000', amountMinor: 1, currency: 'LKR', refundKey: 'rf_1' })).rejects.toMatchObject({
      kind: 'unsupported',
      retryable: false,
    });
  });
});
