import { withTransaction } from '@fareway/db';
import { createGateways } from '@fareway/gateways';
import { type FakeStripe, startFakeStripe } from '@fareway/gateways/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cancelBooking } from '../src/bookings';
import { loadConfig } from '../src/config/load-config';
import { checkMoneyInvariants } from '../src/ledger';
import { initiatePayment, processPaymentEvent, recordPaymentEvent } from '../src/payments';
import { createRefundInTransaction, processRefund } from '../src/refunds';
import { createTestDeps, type TestDeps } from '../src/testing/test-deps';
import { getWallet } from '../src/wallet';
import { insertRental, insertUser, insertVehicle } from './support/booking-fixtures';
import { insertPaidRental } from './support/money-fixtures';

// How a refund is executed (issue 17: the mutants of process-refund that only server and worker
// tests noticed): what reaches the gateway, what the refund row, the payment and the ledger say
// afterwards, for each way it can end — sent, refused, transient trouble, no gateway to send to.

let deps: TestDeps;
let stripe: FakeStripe;
const origin = { ip: '10.0.0.1', requestId: 'req_refund' };
const actorOf = (userId: string) => ({ userId, roles: ['customer' as const], sessionId: 's' });
let day = 0;

beforeAll(async () => {
  stripe = await startFakeStripe();
  const env = { PUBLIC_URL: 'http://fareway.test' };
  const config = loadConfig({ NODE_ENV: 'test', ...env });
  const gateways = createGateways({
    ...config.payments.gateways,
    stripe: { ...stripe.config, maxNetworkRetries: 0 },
    // MintPay publishes no refund API: its adapter refuses every refund as `unsupported` without a call.
    mintpay: { merchantId: 'm_test', merchantSecret: 'mintpay-secret', baseUrl: 'http://127.0.0.1:9' },
  });
  deps = await createTestDeps({ jobs: 'sender', env, gateways });
  deps.clock.set(new Date('2026-03-01T00:00:00Z'));
});
afterAll(async () => {
  await deps?.cleanup();
  await stripe?.close();
});

/** A rental paid through Stripe (its fake) by the webhook path, as a customer would; returns its ids. */
/** A day's rental of a fresh vehicle by a fresh customer, days after the last one. */
async function rental(extra: { status?: 'confirmed'; paidMinor?: number } = {}) {
  const owner = await insertUser(deps, ['driver']);
  const vehicle = await insertVehicle(deps, owner);
  const customer = await insertUser(deps);
  day += 3;
  const start = new Date(new Date('2026-04-01T10:00:00Z').getTime() + day * 86_400_000);
  const end = new Date(start.getTime() + 86_400_000);
  const bookingId = await insertRental(deps, { customerId: customer, vehicleId: vehicle, ownerUserId: owner, start, end, ...extra });
  return { owner, customer, bookingId };
}

async function paidWithStripe() {
  const { owner, customer, bookingId } = await rental();
  const payment = await initiatePayment(deps, actorOf(customer), { bookingId, provider: 'stripe' }, origin);
  stripe.setStatus(payment.id, 'succeeded');
  const webhook = stripe.webhook(payment.id, { timestampSeconds: Math.floor(deps.clock.now().getTime() / 1000) });
  const event = await deps.gateways.stripe?.verifyWebhook(webhook, deps.clock.now());
  if (!event) throw new Error('stripe event ignored');
  const recorded = await recordPaymentEvent(deps, 'stripe', event);
  await processPaymentEvent(deps, { eventId: recorded.eventId as string });
  const intent = stripe.paymentIntent(payment.id);
  if (!intent) throw new Error('no intent at the fake');
  return { owner, customer, bookingId, paymentId: payment.id, stripeIntentId: intent.id };
}

async function refundOf(bookingId: string): Promise<RefundRow> {
  const rows = await deps.database.sql<{ id: string }[]>`select id from refunds where booking_id = ${bookingId}`;
  if (rows.length !== 1) throw new Error(`expected one refund, found ${rows.length}`);
  return refundById((rows[0] as { id: string }).id);
}
interface RefundRow {
  id: string;
  status: string;
  destination: string;
  provider_refund_id: string | null;
  attempts: number;
  last_error: string | null;
  amount: number;
  completed_at: Date | null;
}

async function refundById(id: string): Promise<RefundRow> {
  const [row] = await deps.database.sql<RefundRow[]>`
    select id, status, destination, provider_refund_id, attempts, last_error, amount_minor::int as amount, completed_at
    from refunds where id = ${id}`;
  if (!row) throw new Error('no refund');
  return { ...row, completed_at: row.completed_at === null ? null : new Date(row.completed_at) };
}

const paymentOf = async (id: string) =>
  (
    await deps.database.sql<{ status: string; refunded_minor: number }[]>`
      select status, refunded_minor::int as refunded_minor from payments where id = ${id}`
  )[0];

/** The refund journal's lines, as [account, amount, kind], in a stable order. */
const refundLines = (refundId: string) =>
  deps.database.sql<{ account: string; amount: number; kind: string }[]>`
    select e.account_code as account, e.amount_minor::int as amount, e.line_kind as kind
    from ledger_entries e join ledger_journals j on j.id = e.journal_id
    where j.kind = 'refund' and j.reference = ${refundId}
    order by e.amount_minor desc, e.account_code`;

const refundNotices = async (userId: string) =>
  (
    await deps.database.sql<{ n: number }[]>`
    select count(*)::int as n from notifications where user_id = ${userId} and kind = 'refund.issued'`
  )[0]?.n;

/** An admin's refund of part of a sandbox payment made by insertPaidRental (pending, its job queued). */
const adminRefund = (paid: { paymentId: string; bookingId: string; customerId: string }, amountMinor: number) =>
  withTransaction(deps.db, (tx) =>
    createRefundInTransaction(tx, deps, {
      payment: { id: paid.paymentId, bookingId: paid.bookingId, customerId: paid.customerId, currency: 'LKR', provider: 'sandbox' },
      amountMinor,
      reason: 'admin',
      at: deps.clock.now(),
    }),
  );

describe('a refund through the gateway', () => {
  it('is sent to the payment gateway once, keyed by the refund, then posted, settled and told', async () => {
    const paid = await paidWithStripe();
    await cancelBooking(deps, actorOf(paid.customer), { bookingId: paid.bookingId }, origin);
    const pending = await refundOf(paid.bookingId);
    expect(pending).toMatchObject({ status: 'pending', destination: 'gateway', attempts: 0, amount: 1_000_000 });

    expect(await processRefund(deps, { refundId: pending.id })).toBe('succeeded');
    const sent = stripe.refunds.filter((r) => r.payment_intent === paid.stripeIntentId);
    expect(sent.map((r) => [r.amount, r.metadata.refundKey])).toEqual([[1_000_000, pending.id]]);
    expect(await refundById(pending.id)).toEqual({
      ...pending,
      status: 'succeeded',
      destination: 'gateway',
      provider_refund_id: sent[0]?.id,
      attempts: 1,
      last_error: null,
      completed_at: deps.clock.now(),
    });
    expect(await paymentOf(paid.paymentId)).toEqual({ status: 'refunded', refunded_minor: 1_000_000 });
    // Commission (10 % of the booking) and the partner's share come back; the money leaves through Stripe.
    expect(await refundLines(pending.id)).toEqual([
      { account: `partner_payable:user:${paid.owner}`, amount: 900_000, kind: 'partner_reversal' },
      { account: 'platform_revenue', amount: 100_000, kind: 'commission_reversal' },
      { account: 'gateway_clearing:stripe', amount: -1_000_000, kind: 'refund_out' },
    ]);
    expect(await refundNotices(paid.customer)).toBe(1);

    // The job running again (a retry after its effect) changes nothing.
    expect(await processRefund(deps, { refundId: pending.id })).toBe('skipped');
    expect(stripe.refunds.filter((r) => r.payment_intent === paid.stripeIntentId)).toHaveLength(1);
    expect(await refundNotices(paid.customer)).toBe(1);
    expect(await checkMoneyInvariants(deps.db)).toEqual([]);
  });

  it('a clear refusal marks it failed (a person takes over): nothing posted, the capture is refundable again', async () => {
    const paid = await paidWithStripe();
    await cancelBooking(deps, actorOf(paid.customer), { bookingId: paid.bookingId }, origin);
    const pending = await refundOf(paid.bookingId);
    // Stripe now answers 400: the charge is gone (disputed, cancelled in its dashboard...).
    stripe.setStatus(paid.stripeIntentId, 'canceled');

    expect(await processRefund(deps, { refundId: pending.id })).toBe('failed');
    const failed = await refundById(pending.id);
    expect(failed).toMatchObject({ status: 'failed', destination: 'gateway', provider_refund_id: null, attempts: 1, completed_at: null });
    expect(failed.last_error).toMatch(/HTTP 400 .*no successful charge/);
    expect(await refundLines(pending.id)).toEqual([]);
    expect(await paymentOf(paid.paymentId)).toEqual({ status: 'completed', refunded_minor: 0 });
    expect(await refundNotices(paid.customer)).toBe(0);
    // Failed is final: a late retry neither calls the gateway nor posts.
    expect(await processRefund(deps, { refundId: pending.id })).toBe('skipped');
    expect((await refundById(pending.id)).attempts).toBe(1);
    expect(await checkMoneyInvariants(deps.db)).toEqual([]);
  });

  it('transient trouble counts the attempt, keeps it pending and rethrows (the job retries); the retry goes through', async () => {
    const paid = await paidWithStripe();
    await cancelBooking(deps, actorOf(paid.customer), { bookingId: paid.bookingId }, origin);
    const pending = await refundOf(paid.bookingId);
    // The same adapter, pointed at a port where nothing listens: a network error, retryable.
    const unreachable = createGateways({
      sandbox: deps.config.payments.gateways.sandbox,
      stripe: { ...stripe.config, apiUrl: 'http://127.0.0.1:9', maxNetworkRetries: 0 },
    });
    const offline = { ...deps, gateways: { ...deps.gateways, stripe: unreachable.stripe } };

    await expect(processRefund(offline, { refundId: pending.id })).rejects.toMatchObject({ kind: 'network', retryable: true });
    await expect(processRefund(offline, { refundId: pending.id })).rejects.toMatchObject({ kind: 'network' });
    const waiting = await refundById(pending.id);
    expect(waiting).toMatchObject({ status: 'pending', provider_refund_id: null, attempts: 2, completed_at: null });
    expect(waiting.last_error).not.toBeNull();
    expect(await refundLines(pending.id)).toEqual([]);

    expect(await processRefund(deps, { refundId: pending.id })).toBe('succeeded');
    expect(await refundById(pending.id)).toMatchObject({ status: 'succeeded', attempts: 3, last_error: null, destination: 'gateway' });
    expect(stripe.refunds.filter((r) => r.payment_intent === paid.stripeIntentId)).toHaveLength(1);
    expect(await paymentOf(paid.paymentId)).toEqual({ status: 'refunded', refunded_minor: 1_000_000 });
  });
});

describe('a refund with no gateway to send it to goes to the wallet', () => {
  it.each([
    // why, how the captured payment is changed to get there
    ['the gateway payment id is unknown', 'stripe', null],
    ['MintPay has no refund API', 'mintpay', 'mp_order_1'],
  ] as const)('%s', async (_why, provider, providerPaymentId) => {
    deps.clock.set(new Date('2026-03-01T00:00:00Z'));
    const paid = await insertPaidRental(deps, { provider: 'stripe' });
    await deps.database.sql`
      update payments set provider = ${provider}, provider_payment_id = ${providerPaymentId} where id = ${paid.paymentId}`;
    await cancelBooking(deps, actorOf(paid.customerId), { bookingId: paid.bookingId }, origin);
    const pending = await refundOf(paid.bookingId);
    expect(pending.destination).toBe('gateway');

    expect(await processRefund(deps, { refundId: pending.id })).toBe('succeeded');
    expect(await refundById(pending.id)).toMatchObject({
      status: 'succeeded',
      destination: 'wallet',
      provider_refund_id: null,
      attempts: 1,
    });
    expect(await getWallet(deps, actorOf(paid.customerId))).toEqual({ balanceMinor: 1_000_000, currency: 'LKR' });
    expect((await refundLines(pending.id)).at(-1)).toEqual({
      account: `customer_wallet:${paid.customerId}`,
      amount: -1_000_000,
      kind: 'wallet_credit',
    });
    expect(await paymentOf(paid.paymentId)).toEqual({ status: 'refunded', refunded_minor: 1_000_000 });
    expect(await checkMoneyInvariants(deps.db)).toEqual([]);
  });
});

describe('partial refunds of one payment', () => {
  it('each takes back its share of the commission given what was refunded before; the last one settles it as refunded', async () => {
    deps.clock.set(new Date('2026-03-01T00:00:00Z'));
    const paid = await insertPaidRental(deps, { provider: 'sandbox' });
    // The fixture captures without a gateway payment id; the sandbox's would be its intent id.
    await deps.database.sql`update payments set provider_payment_id = ${paid.paymentId} where id = ${paid.paymentId}`;
    const refund = (amountMinor: number) => adminRefund(paid, amountMinor);
    // 333 333 then 666 667 of 1 000 000 paid with 100 000 commission: 33 333 (half up of 33 333.3), then the rest, 66 667.
    const steps = [
      [333_333, 33_333, 'partially_refunded', 333_333],
      [666_667, 66_667, 'refunded', 1_000_000],
    ] as const;
    for (const [amount, commission, status, refunded] of steps) {
      const { id } = await refund(amount);
      expect(await processRefund(deps, { refundId: id })).toBe('succeeded');
      expect(await refundLines(id)).toEqual([
        { account: `partner_payable:user:${paid.ownerUserId}`, amount: amount - commission, kind: 'partner_reversal' },
        { account: 'platform_revenue', amount: commission, kind: 'commission_reversal' },
        { account: 'gateway_clearing:sandbox', amount: -amount, kind: 'refund_out' },
      ]);
      expect(await refundById(id)).toMatchObject({ status: 'succeeded', destination: 'gateway', provider_refund_id: `sbx_re_${id}` });
      expect(await paymentOf(paid.paymentId)).toEqual({ status, refunded_minor: refunded });
    }
    expect(await checkMoneyInvariants(deps.db)).toEqual([]);
  });
});

describe('a cancellation refunds what is left of the capture, never more', () => {
  it.each([
    // refunded by an admin before the cancellation, the cancellation's refund (null: none written)
    [0, 1_000_000],
    [400_000, 600_000],
    [1_000_000, null],
  ])('after %i refunded, the partner cancelling refunds %s', async (before, expected) => {
    deps.clock.set(new Date('2026-03-01T00:00:00Z'));
    const paid = await insertPaidRental(deps, { provider: 'sandbox' });
    if (before > 0) await adminRefund(paid, before);
    const cancelled = await cancelBooking(
      deps,
      { userId: paid.ownerUserId, roles: ['customer', 'driver'], sessionId: 's' },
      { bookingId: paid.bookingId, reason: 'vehicle broke down' },
      origin,
    );
    // The policy owes everything; what is written is capped by what the capture has left.
    expect(cancelled.refundDueMinor).toBe(1_000_000);
    const written = await deps.database.sql<{ amount: number }[]>`
      select amount_minor::int as amount from refunds where payment_id = ${paid.paymentId} and reason = 'cancellation'`;
    expect(written.map((r) => r.amount)).toEqual(expected === null ? [] : [expected]);
    expect(await checkMoneyInvariants(deps.db)).toEqual([]);
  });

  it('a booking confirmed without a payment (by hand) is cancelled with no refund', async () => {
    const { customer, bookingId } = await rental({ status: 'confirmed', paidMinor: 1_000_000 });
    const cancelled = await cancelBooking(deps, actorOf(customer), { bookingId }, origin);
    expect(cancelled.status).toBe('cancelled');
    const written = await deps.database.sql`select id from refunds where booking_id = ${bookingId}`;
    expect(written).toHaveLength(0);
  });
});
