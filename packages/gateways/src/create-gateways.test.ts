import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateways, pickGateway } from './create-gateways';
import { matchIntent } from './payment-gateway';
import {
  type FakeFlutterwave,
  type FakeMintPay,
  type FakePayHere,
  type FakeStripe,
  sandboxWebhook,
  startFakeFlutterwave,
  startFakeMintPay,
  startFakePayHere,
  startFakeStripe,
} from './testing';

let payhere: FakePayHere;
let mintpay: FakeMintPay;
let flutterwave: FakeFlutterwave;
let stripe: FakeStripe;

beforeAll(async () => {
  [payhere, mintpay, flutterwave, stripe] = await Promise.all([
    startFakePayHere(),
    startFakeMintPay(),
    startFakeFlutterwave(),
    startFakeStripe(),
  ]);
});
afterAll(() => Promise.all([payhere.close(), mintpay.close(), flutterwave.close(), stripe.close()]));

const sandbox = { publicUrl: 'http://127.0.0.1:3000', webhookSecret: 'sandbox-secret' };

describe('createGateways', () => {
  it('offers the sandbox always and the others only when configured', () => {
    const only = createGateways({ sandbox });
    expect(Object.keys(only)).toEqual(['sandbox']);
    const all = createGateways({
      sandbox,
      payhere: payhere.config,
      mintpay: mintpay.config,
      flutterwave: flutterwave.config,
      stripe: stripe.config,
    });
    expect(Object.keys(all).sort()).toEqual(['flutterwave', 'mintpay', 'payhere', 'sandbox', 'stripe']);
    for (const [name, gateway] of Object.entries(all)) expect(gateway?.name).toBe(name);
  });

  it('picks a configured gateway and refuses others with VALIDATION_ERROR', () => {
    const gateways = createGateways({ sandbox, stripe: stripe.config });
    expect(pickGateway(gateways, 'stripe').name).toBe('stripe');
    expect(() => pickGateway(gateways, 'payhere')).toThrow(expect.objectContaining({ code: 'VALIDATION_ERROR' }));
    expect(() => pickGateway(gateways, 'toString')).toThrow(expect.objectContaining({ code: 'VALIDATION_ERROR' }));
  });

  it('passes the shared timeout to every adapter that has none of its own', async () => {
    const gateways = createGateways({ sandbox, timeoutMs: 100, flutterwave: flutterwave.config });
    flutterwave.failNext({ status: 200, json: {}, delayMs: 1000 });
    await expect(
      pickGateway(gateways, 'flutterwave').fetchStatus({ intentId: 'x', amountMinor: 1, currency: 'NGN' }),
    ).rejects.toMatchObject({
      kind: 'timeout',
    });
  });
});

describe('matchIntent', () => {
  const payment = { intentId: 'i1', status: 'succeeded' as const, amountMinor: 100, currency: 'LKR' };
  it('keeps a matching success and demotes any difference to mismatch', () => {
    expect(matchIntent(payment, { intentId: 'i1', amountMinor: 100, currency: 'lkr' }).status).toBe('succeeded');
    expect(matchIntent(payment, { intentId: 'i2', amountMinor: 100, currency: 'LKR' }).status).toBe('mismatch');
    expect(matchIntent(payment, { intentId: 'i1', amountMinor: 101, currency: 'LKR' }).status).toBe('mismatch');
    expect(matchIntent(payment, { intentId: 'i1', amountMinor: 100, currency: 'USD' }).status).toBe('mismatch');
    expect(matchIntent({ ...payment, status: 'failed' }, { intentId: 'i2', amountMinor: 1, currency: 'USD' }).status).toBe('failed');
  });
});

describe('the flow the core will run, on every gateway', () => {
  const intent = (intentId: string, currency: string) => ({
    intentId,
    amountMinor: 250000,
    currency,
    description: 'Fareway booking',
    customer: { id: 'u1', name: 'Test Customer', email: 'test@example.com', phone: '+94771234567' },
    returnUrl: 'https://fareway.example/return',
    cancelUrl: 'https://fareway.example/cancel',
    notifyUrl: 'https://api.fareway.example/api/v1/payments/webhook/x',
  });

  it('checkout → the gateway completes the payment → verified webhook → confirmed status', async () => {
    const gateways = createGateways({
      sandbox,
      payhere: payhere.config,
      mintpay: mintpay.config,
      flutterwave: flutterwave.config,
      stripe: stripe.config,
    });
    const now = new Date();
    const cases = [
      {
        name: 'sandbox',
        currency: 'LKR',
        complete: () =>
          sandboxWebhook({ secret: sandbox.webhookSecret, intentId: 'flow_sandbox', amountMinor: 250000, currency: 'LKR', now }),
      },
      {
        name: 'payhere',
        currency: 'LKR',
        complete: (fields?: Record<string, string>) => {
          payhere.submitCheckout(fields ?? {});
          payhere.setStatus('flow_payhere', 2);
          return payhere.notification('flow_payhere');
        },
      },
      {
        name: 'mintpay',
        currency: 'LKR',
        complete: () => {
          mintpay.setStatus('flow_mintpay', 'Approved');
          return mintpay.returnRequest('flow_mintpay');
        },
      },
      {
        name: 'flutterwave',
        currency: 'NGN',
        complete: () => {
          flutterwave.setStatus('flow_flutterwave', 'successful');
          return flutterwave.webhook('flow_flutterwave');
        },
      },
      {
        name: 'stripe',
        currency: 'USD',
        complete: () => {
          stripe.setStatus('flow_stripe', 'succeeded');
          return stripe.webhook('flow_stripe');
        },
      },
    ];
    for (const c of cases) {
      const gateway = pickGateway(gateways, c.name);
      const wanted = intent(`flow_${c.name}`, c.currency);
      const { checkout, providerReference } = await gateway.createCheckout(wanted);
      const event = await gateway.verifyWebhook(c.complete('fields' in checkout ? checkout.fields : undefined), now);
      expect(event, c.name).not.toBeNull();
      if (!event) continue;
      expect(event.intentId, c.name).toBe(wanted.intentId);
      const decided = event.needsConfirmation
        ? await gateway.fetchStatus({ ...wanted, providerReference, providerPaymentId: event.providerPaymentId })
        : matchIntent(event, wanted);
      expect(decided?.status, c.name).toBe('succeeded');
      expect(decided?.amountMinor, c.name).toBe(250000);
    }
  });
});
