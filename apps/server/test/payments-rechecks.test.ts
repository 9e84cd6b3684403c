import type { WebhookRequest } from '@fareway/gateways';
import type { FakeFlutterwave, FakeMintPay, FakePayHere, FakeStripe } from '@fareway/gateways/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GatewayFakesHarness, startGatewayFakesHarness } from './support/gateway-fakes-harness';
import { bearer, type PaymentsHarness } from './support/payments-harness';

/**
 * Issue 17: the job's re-check with each gateway is asserted, not assumed. Every
 * adapter's status retrieval is counted arriving at its fake, and a retrieval
 * that disagrees with a (correctly signed) webhook — amount, currency or status —
 * leaves the booking unpaid, with the event's outcome recorded on its row.
 */
let g: GatewayFakesHarness;
let h: PaymentsHarness;
let payhere: FakePayHere;
let flutterwave: FakeFlutterwave;
let stripe: FakeStripe;
let mintpay: FakeMintPay;
beforeAll(async () => {
  g = await startGatewayFakesHarness('2026-04-20T10:00:00Z');
  ({ h, payhere, flutterwave, stripe, mintpay } = g);
});
afterAll(() => g.close());
const initiate = (provider: string) => g.initiate(provider);
const post = (provider: string, request: WebhookRequest) => g.post(provider, request);

/** The outcome the job wrote on the event's row, once it has processed it. */
async function processedOutcome(intentId: string): Promise<string> {
  return h.eventually(async () => {
    const rows = await h.deps.database.sql<{ outcome: string | null; processed_at: Date | null }[]>`
      select outcome, processed_at from payment_events where intent_ref = ${intentId}`;
    expect(rows).toHaveLength(1);
    expect(rows[0]?.processed_at).not.toBeNull();
    return rows[0]?.outcome as string;
  });
}

async function unpaid(token: string, bookingId: string, paymentId: string) {
  const booking = await h.call('GET', `/api/v1/bookings/${bookingId}`, undefined, bearer(token));
  expect(booking.body.data).toMatchObject({ status: 'pending', paidMinor: 0 });
  const payment = await h.call('GET', `/api/v1/payments/${paymentId}`, undefined, bearer(token));
  expect(payment.body.data.status).not.toBe('completed');
  const [journals] = await h.deps.database.sql<
    { n: number }[]
  >`select count(*)::int as n from ledger_journals where reference = ${paymentId}`;
  expect(journals?.n).toBe(0);
}

/** Each adapter: how its retrieval looks at the fake, and how to make a signed "success" webhook the retrieval then contradicts. */
const ADAPTERS = {
  stripe: {
    retrievals: () => stripe.requests.filter((r) => r.method === 'GET' && r.path.startsWith('/v1/payment_intents/')).length,
    /** The webhook signed while the intent succeeded; then the gateway's own record is changed under it. */
    successThen: (id: string, change: 'amount' | 'currency' | 'failed' | 'pending' | 'none') => {
      stripe.setStatus(id, 'succeeded');
      const webhook = stripe.webhook(id, { timestampSeconds: Math.floor(h.deps.clock.now().getTime() / 1000) });
      if (change === 'amount') stripe.setStatus(id, 'succeeded', { amount: 1 });
      if (change === 'currency') stripe.setStatus(id, 'succeeded', { currency: 'usd' });
      if (change === 'failed') stripe.setStatus(id, 'canceled');
      if (change === 'pending') stripe.setStatus(id, 'processing');
      return webhook;
    },
  },
  payhere: {
    retrievals: () => payhere.requests.filter((r) => r.path === '/merchant/v1/payment/search').length,
    successThen: (id: string, change: 'amount' | 'currency' | 'failed' | 'pending' | 'none', fields?: Record<string, string>) => {
      if (fields) payhere.submitCheckout(fields);
      payhere.setStatus(id, 2);
      const webhook = payhere.notification(id);
      if (change === 'amount') payhere.setStatus(id, 2, { amount: '1.00' });
      if (change === 'currency') payhere.setStatus(id, 2, { currency: 'USD' });
      if (change === 'failed') payhere.setStatus(id, -2);
      return webhook;
    },
  },
} as const;

describe('the job re-checks with the gateway', () => {
  it.each(['stripe', 'payhere'] as const)(
    '%s: the retrieval arrives at the fake and its agreement confirms the booking',
    async (provider) => {
      const { token, bookingId, payment } = await initiate(provider);
      const before = ADAPTERS[provider].retrievals();
      const webhook = ADAPTERS[provider].successThen(payment.id, 'none', payment.checkout.fields);
      expect(await post(provider, webhook)).toBe(200);
      expect(await processedOutcome(payment.id)).toBe('captured');
      expect(ADAPTERS[provider].retrievals()).toBeGreaterThan(before);
      const booking = await h.call('GET', `/api/v1/bookings/${bookingId}`, undefined, bearer(token));
      expect(booking.body.data.status).toBe('confirmed');
    },
  );

  it.each([
    ['stripe', 'amount', 'mismatch'],
    ['stripe', 'currency', 'mismatch'],
    ['stripe', 'failed', 'failed'],
    ['stripe', 'pending', 'unconfirmed'],
    ['payhere', 'amount', 'mismatch'],
    ['payhere', 'currency', 'mismatch'],
    ['payhere', 'failed', 'failed'],
  ] as const)('%s: a retrieval that disagrees on %s leaves the booking unpaid, recorded as %s', async (provider, change, outcome) => {
    const { token, bookingId, payment } = await initiate(provider);
    const before = ADAPTERS[provider].retrievals();
    const webhook = ADAPTERS[provider].successThen(payment.id, change, payment.checkout.fields);
    expect(await post(provider, webhook)).toBe(200);
    expect(await processedOutcome(payment.id)).toBe(outcome);
    expect(ADAPTERS[provider].retrievals()).toBeGreaterThan(before);
    await unpaid(token, bookingId, payment.id);
  });

  it('Flutterwave: the verification arrives at the fake; another amount leaves the booking unpaid', async () => {
    const { token, bookingId, payment } = await initiate('flutterwave');
    const verifies = () => flutterwave.requests.filter((r) => r.path.includes('/verify')).length;
    const before = verifies();
    flutterwave.setStatus(payment.id, 'successful', { currency: 'USD' });
    expect(await post('flutterwave', flutterwave.webhook(payment.id))).toBe(200);
    expect(await processedOutcome(payment.id)).toBe('mismatch');
    expect(verifies()).toBeGreaterThan(before);
    await unpaid(token, bookingId, payment.id);
  });

  it('MintPay: the status API is asked; a total that differs leaves the booking unpaid', async () => {
    const { token, bookingId, payment } = await initiate('mintpay');
    const statuses = () => mintpay.requests.filter((r) => r.path.startsWith('/user-order/api/status/')).length;
    const before = statuses();
    mintpay.setStatus(payment.id, 'Approved', { totalPrice: 1 });
    const query = new URL(mintpay.returnUrl(payment.id)).search;
    const back = await fetch(`${h.base}/api/v1/payments/webhook/mintpay${query}`, { redirect: 'manual' });
    expect(back.status).toBe(303);
    expect(await processedOutcome(payment.id)).toBe('mismatch');
    expect(statuses()).toBeGreaterThan(before);
    await unpaid(token, bookingId, payment.id);
  });
});
