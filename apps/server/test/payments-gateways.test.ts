import type { WebhookRequest } from '@fareway/gateways';
import type { FakeFlutterwave, FakeMintPay, FakePayHere, FakeStripe } from '@fareway/gateways/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GatewayFakesHarness, startGatewayFakesHarness } from './support/gateway-fakes-harness';
import { apiFetch } from './support/openapi-validator';
import { bearer, type PaymentsHarness } from './support/payments-harness';

// Each gateway's webhook through the real server route (raw body, the adapter's
// own scheme), the job re-checking with the gateway's fake API, and the ledger.
let g: GatewayFakesHarness;
let h: PaymentsHarness;
let payhere: FakePayHere;
let flutterwave: FakeFlutterwave;
let stripe: FakeStripe;
let mintpay: FakeMintPay;
beforeAll(async () => {
  g = await startGatewayFakesHarness('2026-03-20T10:00:00Z');
  ({ h, payhere, flutterwave, stripe, mintpay } = g);
});
afterAll(() => g.close());
const initiate = (provider: string) => g.initiate(provider);
const post = (provider: string, request: WebhookRequest) => g.post(provider, request);

async function settled(token: string, paymentId: string, status: string) {
  await h.eventually(async () => {
    const res = await h.call('GET', `/api/v1/payments/${paymentId}`, undefined, bearer(token));
    expect(res.body.data.status).toBe(status);
  });
}

const eventsFor = async (intentId: string) =>
  (await h.deps.database.sql<{ n: number }[]>`select count(*)::int as n from payment_events where intent_ref = ${intentId}`)[0]?.n;

describe('webhook routes, one gateway at a time', () => {
  it('PayHere: form-encoded notify verified by md5sig, re-checked with the retrieval API; a wrong secret is refused', async () => {
    const { token, bookingId, payment } = await initiate('payhere');
    expect(payment.checkout.formAction).toBe(`${payhere.url}/pay/checkout`);
    expect(payment.feeMinor).toBe(33_000);
    payhere.submitCheckout(payment.checkout.fields);
    payhere.setStatus(payment.id, 2);
    expect(await post('payhere', payhere.notification(payment.id, { merchantSecret: 'not-the-merchant-secret' }))).toBe(401);
    expect(await eventsFor(payment.id)).toBe(0);
    const notify = payhere.notification(payment.id);
    expect(notify.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(await post('payhere', notify)).toBe(200);
    await settled(token, payment.id, 'completed');
    const booking = await h.call('GET', `/api/v1/bookings/${bookingId}`, undefined, bearer(token));
    expect(booking.body.data.status).toBe('confirmed');
    // The capture journal carries PayHere's fee as its own line.
    const fee = await h.deps.database
      .sql`select e.amount_minor::int as fee from ledger_entries e join ledger_journals j on j.id = e.journal_id
      where j.reference = ${payment.id} and e.line_kind = 'gateway_fee'`;
    expect(fee).toEqual([{ fee: 33_000 }]);
  });

  it('Flutterwave: verif-hash in constant time, then the transaction verified by API before anything is confirmed', async () => {
    const { token, payment } = await initiate('flutterwave');
    expect(payment.checkout.url).toMatch(/^https?:\/\//);
    flutterwave.setStatus(payment.id, 'successful');
    expect(await post('flutterwave', flutterwave.webhook(payment.id, { secretHash: 'wrong-hash' }))).toBe(401);
    expect(await eventsFor(payment.id)).toBe(0);
    const verifiesBefore = flutterwave.requests.filter((r) => r.path.includes('/verify')).length;
    expect(await post('flutterwave', flutterwave.webhook(payment.id))).toBe(200);
    await settled(token, payment.id, 'completed');
    expect(flutterwave.requests.filter((r) => r.path.includes('/verify')).length).toBeGreaterThan(verifiesBefore);
  });

  it('Flutterwave: a webhook claiming success is not believed when the API says otherwise', async () => {
    const { token, payment } = await initiate('flutterwave');
    flutterwave.setStatus(payment.id, 'successful', { amount: 1 });
    expect(await post('flutterwave', flutterwave.webhook(payment.id))).toBe(200);
    await h.eventually(async () => {
      const [event] = await h.deps.database.sql`select outcome from payment_events where intent_ref = ${payment.id}`;
      expect(event?.outcome).toBe('mismatch');
    });
    const res = await h.call('GET', `/api/v1/payments/${payment.id}`, undefined, bearer(token));
    expect(res.body.data.status).toBe('pending');
  });

  it('Stripe: Stripe-Signature over the raw body with 300 s tolerance; the PaymentIntent is retrieved', async () => {
    const { token, payment } = await initiate('stripe');
    expect(payment.checkout.clientSecret).toMatch(/^pi_/);
    stripe.setStatus(payment.id, 'succeeded');
    const now = Math.floor(h.deps.clock.now().getTime() / 1000);
    expect(await post('stripe', stripe.webhook(payment.id, { timestampSeconds: now - 600 }))).toBe(401);
    expect(await post('stripe', stripe.webhook(payment.id, { timestampSeconds: now, secret: 'whsec_wrong' }))).toBe(401);
    expect(await eventsFor(payment.id)).toBe(0);
    expect(await post('stripe', stripe.webhook(payment.id, { timestampSeconds: now }))).toBe(200);
    await settled(token, payment.id, 'completed');
  });

  it('MintPay: the browser return is only a hint; the status API confirms, and the browser goes on to its page', async () => {
    const { token, payment } = await initiate('mintpay');
    mintpay.setStatus(payment.id, 'Approved');
    const query = new URL(mintpay.returnUrl(payment.id)).search;
    const forged = await apiFetch(`${h.base}/api/v1/payments/webhook/mintpay${query.replace(/hash=[^&]+/, 'hash=Zm9yZ2Vk')}`, {
      redirect: 'manual',
    });
    expect(forged.status).toBe(401);
    const back = await apiFetch(`${h.base}/api/v1/payments/webhook/mintpay${query}`, { redirect: 'manual' });
    expect(back.status).toBe(303);
    expect(back.headers.get('location')).toBe(`http://fareway.test/?payment=${payment.id}`);
    await settled(token, payment.id, 'completed');
  });

  it('MintPay: the same return POSTed by a mobile app (JSON) is a hint too, confirmed with the status API', async () => {
    const { token, payment } = await initiate('mintpay');
    mintpay.setStatus(payment.id, 'Approved');
    const fields = Object.fromEntries(new URL(mintpay.returnUrl(payment.id)).searchParams);
    const post = (body: unknown) =>
      apiFetch(`${h.base}/api/v1/payments/webhook/mintpay`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await post({ ...fields, hash: 'Zm9yZ2Vk' })).status).toBe(401);
    const hint = await post(fields);
    expect([hint.status, await hint.json()]).toEqual([200, { success: true, data: { received: true, duplicate: false } }]);
    await settled(token, payment.id, 'completed');
  });

  it('MintPay has no refund API: cancelling a MintPay-paid booking refunds to the wallet, through the ledger', async () => {
    const { token, bookingId, payment } = await initiate('mintpay');
    mintpay.setStatus(payment.id, 'Approved');
    const back = await apiFetch(`${h.base}/api/v1/payments/webhook/mintpay${new URL(mintpay.returnUrl(payment.id)).search}`, {
      redirect: 'manual',
    });
    expect(back.status).toBe(303);
    await settled(token, payment.id, 'completed');
    const requestsBefore = mintpay.requests.length;

    const cancelled = await h.call('POST', `/api/v1/bookings/${bookingId}/cancel`, {}, bearer(token));
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    await settled(token, payment.id, 'refunded');

    const refunds = await h.deps.database.sql`select status, destination, amount_minor from refunds where payment_id = ${payment.id}`;
    expect(refunds).toEqual([{ status: 'succeeded', destination: 'wallet', amount_minor: String(payment.amountMinor) }]);
    const wallet = await h.call('GET', '/api/v1/wallet', undefined, bearer(token));
    expect(wallet.body.data).toEqual({ balanceMinor: payment.amountMinor, currency: 'LKR' });
    // Nothing was sent to MintPay for it: it has no refund call to send.
    expect(mintpay.requests.slice(requestsBefore).filter((r) => /refund/i.test(r.path))).toEqual([]);
  });

  it('a superseded intent that is paid anyway confirms the booking when nothing else paid it', async () => {
    // Two tabs: Stripe first, then the sandbox supersedes it; the customer pays only on Stripe's page.
    const { token, bookingId, payment: first } = await initiate('stripe');
    const second = (await h.call('POST', '/api/v1/payments/initiate', { bookingId, provider: 'sandbox' }, bearer(token))).body.data;
    expect((await h.deps.database.sql`select status from payments where id = ${first.id}`)[0]).toEqual({ status: 'failed' });
    stripe.setStatus(first.id, 'succeeded');
    expect(await post('stripe', stripe.webhook(first.id, { timestampSeconds: Math.floor(h.deps.clock.now().getTime() / 1000) }))).toBe(200);
    await settled(token, first.id, 'completed');
    const booking = await h.call('GET', `/api/v1/bookings/${bookingId}`, undefined, bearer(token));
    expect(booking.body.data).toMatchObject({ status: 'confirmed', paidMinor: first.amountMinor });
    // The sandbox intent that superseded it was never paid, and nothing was refunded.
    expect((await h.deps.database.sql`select status from payments where id = ${second.id}`)[0]).toMatchObject({
      status: expect.not.stringMatching(/completed/),
    });
    expect(await h.deps.database.sql`select id from refunds where payment_id = ${first.id}`).toEqual([]);
  });

  it('a capture for a booking that another payment already paid is refunded automatically', async () => {
    // Two tabs: Stripe first, then the sandbox supersedes it — and the customer pays both.
    const { token, bookingId, payment: first } = await initiate('stripe');
    const second = (await h.call('POST', '/api/v1/payments/initiate', { bookingId, provider: 'sandbox' }, bearer(token))).body.data;
    const approve = await apiFetch(`${h.base}/sandbox/pay/${second.id}/approve${new URL(second.checkout.url).search}`, {
      method: 'POST',
      redirect: 'manual',
    });
    expect(approve.status).toBe(303);
    await settled(token, second.id, 'completed');
    stripe.setStatus(first.id, 'succeeded');
    expect(await post('stripe', stripe.webhook(first.id, { timestampSeconds: Math.floor(h.deps.clock.now().getTime() / 1000) }))).toBe(200);
    await settled(token, first.id, 'refunded');
    expect(stripe.refunds.filter((r) => r.payment_intent === first.checkout.clientSecret.split('_secret_')[0])).toHaveLength(1);
    const booking = await h.call('GET', `/api/v1/bookings/${bookingId}`, undefined, bearer(token));
    expect(booking.body.data).toMatchObject({ status: 'confirmed', paidMinor: 1_000_000 });
  });
});
