import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import * as comparison from './constant-time';
import { createFlutterwaveGateway } from './flutterwave/flutterwave-gateway';
import { createMintPayGateway } from './mintpay/mintpay-gateway';
import { createPayHereGateway } from './payhere/payhere-gateway';
import type { CreateCheckoutInput, PaymentGateway, WebhookRequest } from './payment-gateway';
import { createSandboxGateway } from './sandbox/sandbox-gateway';
import { createStripeGateway } from './stripe/stripe-gateway';
import { startFakeFlutterwave, startFakeMintPay, startFakePayHere, startFakeStripe } from './testing';
import { sandboxWebhook } from './testing/sandbox-webhook';

// README: "Signatures are compared in constant time". constant-time.test.ts proves the helper is;
// this proves every adapter's webhook check goes through it, for the genuine signature (true) and
// for a forged one (false) — a plain `===` anywhere would leave the spy uncalled.
vi.mock('./constant-time', async (importOriginal) => {
  const actual = await importOriginal<typeof import('./constant-time')>();
  return { ...actual, constantTimeEqual: vi.fn(actual.constantTimeEqual) };
});
const spy = vi.mocked(comparison.constantTimeEqual);

const now = new Date('2026-01-01T00:00:00Z');
const input = (intentId: string, amountMinor: number, currency: string): CreateCheckoutInput => ({
  intentId,
  amountMinor,
  currency,
  description: 'Colombo → Kandy, seat 1A',
  customer: { id: 'u1', name: 'Nimali Silva', email: 'nimali@example.com', phone: '+94771234567' },
  returnUrl: 'https://fareway.example/pay/return',
  cancelUrl: 'https://fareway.example/pay/cancel',
  notifyUrl: 'https://api.fareway.example/api/v1/payments/webhook/x',
});

const fakes = {
  payhere: await startFakePayHere({ merchantId: '1211149' }),
  flutterwave: await startFakeFlutterwave(),
  mintpay: await startFakeMintPay(),
  stripe: await startFakeStripe(),
};
afterAll(async () => {
  await Promise.all(Object.values(fakes).map((f) => f.close()));
});
afterEach(() => spy.mockClear());

/** The comparisons made while verifying `request`, and whether it was accepted. */
async function comparisons(gateway: PaymentGateway, request: WebhookRequest): Promise<{ results: boolean[]; accepted: boolean }> {
  spy.mockClear();
  const accepted = await gateway.verifyWebhook(request, now).then(
    () => true,
    () => false,
  );
  return { results: spy.mock.results.map((r) => r.value as boolean), accepted };
}

describe('every webhook signature is compared with constantTimeEqual', () => {
  it('sandbox (and the Fareway-Signature scheme)', async () => {
    const gateway = createSandboxGateway({ publicUrl: 'http://127.0.0.1:3000/', webhookSecret: 'sandbox-secret' });
    const event = { intentId: 'pi_1', amountMinor: 100, currency: 'LKR', now };
    expect(await comparisons(gateway, sandboxWebhook({ ...event, secret: 'sandbox-secret' }))).toEqual({ results: [true], accepted: true });
    expect(await comparisons(gateway, sandboxWebhook({ ...event, secret: 'forged' }))).toEqual({ results: [false], accepted: false });
  });

  it('Stripe', async () => {
    const gateway = createStripeGateway({ ...fakes.stripe.config, timeoutMs: 2000, maxNetworkRetries: 0 });
    await gateway.createCheckout(input('pi_ct', 4999, 'USD'));
    const t = Math.floor(now.getTime() / 1000);
    const genuine = await comparisons(gateway, fakes.stripe.webhook('pi_ct', { timestampSeconds: t }));
    expect(genuine.accepted).toBe(true);
    expect(genuine.results).toContain(true);
    const forged = await comparisons(gateway, fakes.stripe.webhook('pi_ct', { timestampSeconds: t, secret: 'whsec_forged' }));
    expect(forged).toMatchObject({ accepted: false });
    expect(forged.results.length).toBeGreaterThan(0);
    expect(forged.results).not.toContain(true);
  });

  it('PayHere (md5sig and merchant id)', async () => {
    const gateway = createPayHereGateway({ ...fakes.payhere.config, timeoutMs: 2000 });
    const { checkout } = await gateway.createCheckout(input('ord_ct', 100_000, 'LKR'));
    if (!('fields' in checkout)) throw new Error('expected a form checkout');
    fakes.payhere.submitCheckout(checkout.fields);
    expect(await comparisons(gateway, fakes.payhere.notification('ord_ct'))).toEqual({ results: [true, true], accepted: true });
    expect(await comparisons(gateway, fakes.payhere.notification('ord_ct', { merchantSecret: 'forged' }))).toEqual({
      results: [false],
      accepted: false,
    });
  });

  it('Flutterwave (verif-hash)', async () => {
    const gateway = createFlutterwaveGateway({ ...fakes.flutterwave.config, timeoutMs: 2000 });
    await gateway.createCheckout(input('tx_ct', 690_000, 'NGN'));
    const genuine = fakes.flutterwave.webhook('tx_ct');
    expect(await comparisons(gateway, genuine)).toEqual({ results: [true], accepted: true });
    expect(await comparisons(gateway, { ...genuine, headers: { ...genuine.headers, 'verif-hash': 'forged' } })).toEqual({
      results: [false],
      accepted: false,
    });
  });

  it('MintPay (the return hash)', async () => {
    const gateway = createMintPayGateway({ ...fakes.mintpay.config, timeoutMs: 2000 });
    await gateway.createCheckout(input('ord_mp', 1_500_000, 'LKR'));
    fakes.mintpay.setStatus('ord_mp', 'Approved');
    expect(await comparisons(gateway, fakes.mintpay.returnRequest('ord_mp'))).toEqual({ results: [true], accepted: true });
    const other = createMintPayGateway({ ...fakes.mintpay.config, merchantSecret: 'forged', timeoutMs: 2000 });
    expect(await comparisons(other, fakes.mintpay.returnRequest('ord_mp'))).toEqual({ results: [false], accepted: false });
  });
});
