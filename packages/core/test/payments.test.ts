import { newId, withTransaction } from '@fareway/db';
import type { FakeStripe } from '@fareway/gateways/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cancelBooking } from '../src/bookings';
import { checkMoneyInvariants, getTrialBalance } from '../src/ledger';
import { initiatePayment, processPaymentEvent, reconcilePayments } from '../src/payments';
import { createRefundInTransaction, processRefund } from '../src/refunds';
import type { TestDeps } from '../src/testing/test-deps';
import { getWallet, payWithWallet, topUpWallet } from '../src/wallet';
import { insertHold, insertRental, insertUser, insertVehicle } from './support/booking-fixtures';
import { createStripeTestDeps, recordSandboxEvent } from './support/money-fixtures';

let deps: TestDeps;
let stripe: FakeStripe;
const origin = { ip: '10.0.0.1', requestId: 'req_pay' };
const at = (iso: string) => new Date(iso);
const actorOf = (userId: string) => ({ userId, roles: ['customer' as const], sessionId: 's' });

beforeAll(async () => {
  ({ deps, stripe } = await createStripeTestDeps({ PUBLIC_URL: 'http://fareway.test', PAYMENT_RECONCILE_AFTER_MINUTES: '15' }));
});
afterAll(async () => {
  await deps.cleanup();
  await stripe.close();
});

/** The notices queued for a user, oldest first (one per kind: these users have a phone only). */
async function noticesOf(userId: string): Promise<string[]> {
  const rows = await deps.database.sql<Array<{ kind: string }>>`
    select kind from notifications where user_id = ${userId} order by created_at, id`;
  return rows.map((r) => r.kind);
}

const hold = (options: { expiresAt?: Date } = {}) => insertHold(deps, options);

/** What the sandbox's Approve/Decline does, through the adapter's verification and the inbox. */
const sandboxEvent = (intentId: string, amountMinor: number, type?: 'payment.succeeded' | 'payment.failed') =>
  recordSandboxEvent(deps, intentId, amountMinor, type);

async function row<T>(query: Promise<T[]>): Promise<T> {
  const [first] = await query;
  if (!first) throw new Error('no row');
  return first;
}

const bookingStatus = (id: string) =>
  row(deps.database.sql<{ status: string; paid_minor: string }[]>`select status, paid_minor from bookings where id = ${id}`);
const paymentRow = (id: string) =>
  row(deps.database.sql<{ status: string; captured_minor: string; refunded_minor: string; orphaned_at: Date | null }[]>`
    select status, captured_minor, refunded_minor, orphaned_at from payments where id = ${id}`);
const journalCount = (reference: string) =>
  row(deps.database.sql<{ n: number }[]>`select count(*)::int as n from ledger_journals where reference = ${reference}`);
const refundJobs = () => deps.database.sql<{ data: { refundId: string } }[]>`select data from pgboss.job where name = 'process-refunds'`;

describe('the ledger in the database', () => {
  it('refuses, at commit, a journal that does not sum to zero', async () => {
    const id = newId();
    const attempt = deps.database.sql.begin(async (sql) => {
      await sql`insert into ledger_accounts (code, currency, kind, created_at) values ('t:a', 'LKR', 'asset', now()) on conflict do nothing`;
      await sql`insert into ledger_journals (id, kind, reference, created_at) values (${id}, 'test', ${id}, now())`;
      await sql`insert into ledger_entries (id, journal_id, account_code, currency, amount_minor, line_kind, created_at)
                values (${newId()}, ${id}, 't:a', 'LKR', 5, 'x', now())`;
    });
    await expect(attempt).rejects.toThrow(/does not balance/);
    expect(await checkMoneyInvariants(deps.db)).toEqual([]);
  });

  it('is append-only', async () => {
    const { customer } = await hold();
    await topUpWallet(deps, actorOf(customer), { amountMinor: 1_000, provider: 'sandbox' }, origin).then((p) =>
      sandboxEvent(p.id, 1_000).then(async (e) => processPaymentEvent(deps, { eventId: e.eventId as string })),
    );
    await expect(deps.database.sql`update ledger_entries set amount_minor = amount_minor * 2`).rejects.toThrow(/append-only/);
    await expect(deps.database.sql`delete from ledger_journals`).rejects.toThrow(/append-only/);
  });
});

describe('initiate', () => {
  it('writes a pending sandbox intent with its checkout and extends the hold once', async () => {
    const h = await hold();
    const now = deps.clock.now();
    const payment = await initiatePayment(deps, actorOf(h.customer), { bookingId: h.bookingId, provider: 'sandbox' }, origin);
    expect(payment).toMatchObject({
      status: 'pending',
      amountMinor: 1_000_000,
      currency: 'LKR',
      feeMinor: 0,
      checkout: { url: expect.stringMatching(new RegExp(`^http://fareway\\.test/sandbox/pay/${payment.id}\\?link=\\d+\\.[0-9a-f]{64}$`)) },
    });
    const booking = await row(deps.database.sql<{ expires_at: Date; hold_extended_at: Date }[]>`
      select expires_at, hold_extended_at from bookings where id = ${h.bookingId}`);
    expect(new Date(booking.expires_at).getTime()).toBe(now.getTime() + 10 * 60_000);
    expect(new Date(booking.hold_extended_at).getTime()).toBe(now.getTime());

    // The same provider again: the same intent (a second tab must not open a second charge), no second extension.
    deps.clock.advance(60_000);
    const again = await initiatePayment(deps, actorOf(h.customer), { bookingId: h.bookingId, provider: 'sandbox' }, origin);
    expect(again.id).toBe(payment.id);
    const after = await row(deps.database.sql<{ expires_at: Date }[]>`select expires_at from bookings where id = ${h.bookingId}`);
    expect(new Date(after.expires_at).getTime()).toBe(now.getTime() + 10 * 60_000);

    // Another provider supersedes it: still exactly one active intent.
    const other = await initiatePayment(deps, actorOf(h.customer), { bookingId: h.bookingId, provider: 'stripe' }, origin);
    expect(other.id).not.toBe(payment.id);
    expect(other.checkout).toEqual({ clientSecret: expect.stringMatching(/^pi_/) });
    expect(other.feeMinor).toBe(29_000);
    expect((await paymentRow(payment.id)).status).toBe('failed');
    const active = await deps.database
      .sql`select id from payments where booking_id = ${h.bookingId} and status in ('initiated', 'pending')`;
    expect(active).toEqual([{ id: other.id }]);
  });

  it('refuses others, lapsed holds, paid bookings and providers that are not offered', async () => {
    const h = await hold();
    const stranger = await insertUser(deps);
    await expect(initiatePayment(deps, actorOf(stranger), { bookingId: h.bookingId, provider: 'sandbox' }, origin)).rejects.toMatchObject({
      code: 'BOOKING_NOT_FOUND',
    });
    await expect(initiatePayment(deps, actorOf(h.customer), { bookingId: h.bookingId, provider: 'payhere' }, origin)).rejects.toMatchObject(
      {
        code: 'VALIDATION_ERROR',
      },
    );
    const lapsed = await hold({ expiresAt: new Date(deps.clock.now().getTime() - 1) });
    await expect(
      initiatePayment(deps, actorOf(lapsed.customer), { bookingId: lapsed.bookingId, provider: 'sandbox' }, origin),
    ).rejects.toMatchObject({ code: 'HOLD_EXPIRED' });
    const p = await initiatePayment(deps, actorOf(h.customer), { bookingId: h.bookingId, provider: 'sandbox' }, origin);
    await processPaymentEvent(deps, { eventId: (await sandboxEvent(p.id, p.amountMinor)).eventId as string });
    await expect(initiatePayment(deps, actorOf(h.customer), { bookingId: h.bookingId, provider: 'sandbox' }, origin)).rejects.toMatchObject(
      {
        code: 'PAYMENT_ALREADY_PROCESSED',
      },
    );
    await expect(
      initiatePayment(
        deps,
        actorOf(h.customer),
        { bookingId: h.bookingId, provider: 'sandbox', returnUrl: 'https://evil.example/x' },
        origin,
      ),
    ).rejects.toMatchObject({ code: 'PAYMENT_ALREADY_PROCESSED' });
    const h2 = await hold();
    await expect(
      initiatePayment(
        deps,
        actorOf(h2.customer),
        { bookingId: h2.bookingId, provider: 'sandbox', returnUrl: 'https://evil.example/x' },
        origin,
      ),
    ).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
  });
});

describe('webhook events', () => {
  it('capture: one event, one journal; duplicates, late failures and replays change nothing', async () => {
    const h = await hold();
    const p = await initiatePayment(deps, actorOf(h.customer), { bookingId: h.bookingId, provider: 'sandbox' }, origin);
    const first = await sandboxEvent(p.id, p.amountMinor);
    expect(first.recorded).toBe(true);
    expect((await sandboxEvent(p.id, p.amountMinor)).recorded).toBe(false);
    expect(await processPaymentEvent(deps, { eventId: first.eventId as string })).toBe('captured');
    expect(await processPaymentEvent(deps, { eventId: first.eventId as string })).toBe('skipped');
    expect(await bookingStatus(h.bookingId)).toMatchObject({ status: 'confirmed', paid_minor: '1000000' });
    expect(await paymentRow(p.id)).toMatchObject({ status: 'completed', captured_minor: '1000000' });
    // A failure delivered after the success (out of order) is ignored.
    const late = await sandboxEvent(p.id, p.amountMinor, 'payment.failed');
    expect(await processPaymentEvent(deps, { eventId: late.eventId as string })).toBe('ignored');
    expect((await paymentRow(p.id)).status).toBe('completed');
    expect(await journalCount(p.id)).toEqual({ n: 1 });
    const lines = await deps.database.sql<{ account_code: string; amount_minor: string; line_kind: string }[]>`
      select e.account_code, e.amount_minor, e.line_kind from ledger_entries e join ledger_journals j on j.id = e.journal_id
      where j.reference = ${p.id} order by e.amount_minor desc`;
    expect(lines).toEqual([
      { account_code: 'gateway_clearing:sandbox', amount_minor: '1000000', line_kind: 'gateway_net' },
      { account_code: 'platform_revenue', amount_minor: '-100000', line_kind: 'commission' },
      { account_code: `partner_payable:user:${h.owner}`, amount_minor: '-900000', line_kind: 'partner_share' },
    ]);
  });

  it('an event for other money is never confirmed', async () => {
    const h = await hold();
    const p = await initiatePayment(deps, actorOf(h.customer), { bookingId: h.bookingId, provider: 'sandbox' }, origin);
    const e = await sandboxEvent(p.id, p.amountMinor - 1);
    expect(await processPaymentEvent(deps, { eventId: e.eventId as string })).toBe('mismatch');
    expect((await bookingStatus(h.bookingId)).status).toBe('pending');
    expect(await journalCount(p.id)).toEqual({ n: 0 });
  });

  it('payment after the hold lapsed: re-acquires free inventory, refunds when it is gone', async () => {
    // Free: the hold expired (swept), nobody took the car, the late payment confirms it.
    const free = await hold();
    const p1 = await initiatePayment(deps, actorOf(free.customer), { bookingId: free.bookingId, provider: 'sandbox' }, origin);
    await deps.database.sql`update bookings set status = 'expired' where id = ${free.bookingId}`;
    expect(await processPaymentEvent(deps, { eventId: (await sandboxEvent(p1.id, p1.amountMinor)).eventId as string })).toBe('captured');
    expect((await bookingStatus(free.bookingId)).status).toBe('confirmed');

    // Gone: the hold lapsed and another customer holds the car now.
    const gone = await hold({ expiresAt: new Date(deps.clock.now().getTime() + 60_000) });
    const p2 = await initiatePayment(deps, actorOf(gone.customer), { bookingId: gone.bookingId, provider: 'sandbox' }, origin);
    deps.clock.advance(11 * 60_000);
    const rival = await insertUser(deps);
    await deps.database.sql`update bookings set status = 'expired' where id = ${gone.bookingId}`;
    await insertRental(deps, {
      customerId: rival,
      vehicleId: gone.vehicle,
      ownerUserId: gone.owner,
      start: gone.start,
      end: new Date(gone.start.getTime() + 3_600_000),
    });
    const before = (await refundJobs()).length;
    expect(await processPaymentEvent(deps, { eventId: (await sandboxEvent(p2.id, p2.amountMinor)).eventId as string })).toBe('orphaned');
    expect((await bookingStatus(gone.bookingId)).status).toBe('expired');
    expect(await paymentRow(p2.id)).toMatchObject({ status: 'completed', captured_minor: '1000000', refunded_minor: '1000000' });
    const jobs = await refundJobs();
    expect(jobs.length).toBe(before + 1);
    const sms = await deps.database
      .sql`select kind from notifications n join users u on u.phone = n.recipient where u.id = ${gone.customer}`;
    expect(sms).toEqual([{ kind: 'payment.orphan_refund' }]);
    const refundId = jobs.at(-1)?.data.refundId as string;
    expect(await processRefund(deps, { refundId })).toBe('succeeded');
    expect(await processRefund(deps, { refundId })).toBe('skipped');
    expect((await paymentRow(p2.id)).status).toBe('refunded');
    const balance = await getTrialBalance(deps);
    expect(balance.accounts.find((a) => a.code === 'refunds_payable')?.balanceMinor).toBe(0);
    expect(balance.totals).toEqual([{ currency: 'LKR', balanceMinor: 0 }]);
  });
});

describe('wallet', () => {
  it('tops up through a gateway, pays a booking at once, and refuses when short', async () => {
    const h = await hold();
    const me = actorOf(h.customer);
    expect(await getWallet(deps, me)).toEqual({ balanceMinor: 0, currency: 'LKR' });
    await expect(payWithWallet(deps, me, { bookingId: h.bookingId }, origin)).rejects.toMatchObject({ code: 'INSUFFICIENT_BALANCE' });
    const top = await topUpWallet(deps, me, { amountMinor: 1_500_000, provider: 'sandbox' }, origin);
    expect(top).toMatchObject({ purpose: 'top_up', status: 'pending', bookingId: null });
    await processPaymentEvent(deps, { eventId: (await sandboxEvent(top.id, top.amountMinor)).eventId as string });
    expect(await getWallet(deps, me)).toEqual({ balanceMinor: 1_500_000, currency: 'LKR' });
    const paid = await payWithWallet(deps, me, { bookingId: h.bookingId }, origin);
    expect(paid).toEqual({ id: expect.any(String), status: 'completed', transactionId: expect.any(String), bookingId: h.bookingId });
    expect(await getWallet(deps, me)).toEqual({ balanceMinor: 500_000, currency: 'LKR' });
    expect((await bookingStatus(h.bookingId)).status).toBe('confirmed');
    await expect(payWithWallet(deps, me, { bookingId: h.bookingId }, origin)).rejects.toMatchObject({ code: 'PAYMENT_ALREADY_PROCESSED' });
  });

  it('many concurrent spends from one wallet never overdraw it', async () => {
    const first = await hold();
    const me = actorOf(first.customer);
    const top = await topUpWallet(deps, me, { amountMinor: 3_000_000, provider: 'sandbox' }, origin);
    await processPaymentEvent(deps, { eventId: (await sandboxEvent(top.id, top.amountMinor)).eventId as string });
    const bookings = [first.bookingId];
    for (let i = 0; i < 9; i++) {
      const owner = await insertUser(deps, ['driver']);
      const vehicle = await insertVehicle(deps, owner);
      const start = new Date(first.start.getTime() + (i + 1) * 86_400_000 * 40);
      bookings.push(
        await insertRental(deps, {
          customerId: first.customer,
          vehicleId: vehicle,
          ownerUserId: owner,
          start,
          end: new Date(start.getTime() + 86_400_000),
        }),
      );
    }
    const results = await Promise.allSettled(bookings.map((bookingId) => payWithWallet(deps, me, { bookingId }, origin)));
    const ok = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason.code);
    expect(ok).toHaveLength(3);
    expect(refused).toEqual(Array(7).fill('INSUFFICIENT_BALANCE'));
    expect(await getWallet(deps, me)).toEqual({ balanceMinor: 0, currency: 'LKR' });
  });
});

describe('refunds', () => {
  it('cancelling a paid booking creates the policy refund and its job in the same transaction; the job refunds once', async () => {
    const h = await hold();
    const p = await initiatePayment(deps, actorOf(h.customer), { bookingId: h.bookingId, provider: 'sandbox' }, origin);
    await processPaymentEvent(deps, { eventId: (await sandboxEvent(p.id, p.amountMinor)).eventId as string });
    const before = (await refundJobs()).length;
    const cancelled = await cancelBooking(deps, actorOf(h.customer), { bookingId: h.bookingId }, origin);
    expect(cancelled.refundDueMinor).toBe(1_000_000);
    const refunds = await deps.database.sql<{ id: string; amount_minor: string; status: string; destination: string }[]>`
      select id, amount_minor, status, destination from refunds where payment_id = ${p.id}`;
    expect(refunds).toEqual([{ id: expect.any(String), amount_minor: '1000000', status: 'pending', destination: 'gateway' }]);
    expect((await refundJobs()).length).toBe(before + 1);
    const refundId = refunds[0]?.id as string;
    expect(await processRefund(deps, { refundId })).toBe('succeeded');
    expect(await paymentRow(p.id)).toMatchObject({ status: 'refunded', refunded_minor: '1000000' });
    expect(await noticesOf(h.customer)).toEqual(['booking.confirmed', 'booking.cancelled', 'refund.issued']);
    // Full refund: the commission and the partner share both went back.
    const balance = await getTrialBalance(deps);
    expect(balance.accounts.find((a) => a.code === `partner_payable:user:${h.owner}`)?.balanceMinor).toBe(0);
    expect(await journalCount(refundId)).toEqual({ n: 1 });
  });

  it('a wallet payment is refunded to the wallet, partially under the late-cancellation policy', async () => {
    deps.clock.set(at('2026-03-01T00:00:00Z'));
    const owner = await insertUser(deps, ['driver']);
    const vehicle = await insertVehicle(deps, owner);
    const customer = await insertUser(deps);
    const me = actorOf(customer);
    const start = at('2026-03-01T12:00:00Z'); // 12 h ahead: the late tier refunds 50 %
    const bookingId = await insertRental(deps, {
      customerId: customer,
      vehicleId: vehicle,
      ownerUserId: owner,
      start,
      end: at('2026-03-02T12:00:00Z'),
    });
    const top = await topUpWallet(deps, me, { amountMinor: 1_000_000, provider: 'sandbox' }, origin);
    await processPaymentEvent(deps, { eventId: (await sandboxEvent(top.id, top.amountMinor)).eventId as string });
    const paid = await payWithWallet(deps, me, { bookingId }, origin);
    expect((await getWallet(deps, me)).balanceMinor).toBe(0);
    await cancelBooking(deps, me, { bookingId }, origin);
    const [refund] = await deps.database.sql<{ id: string; destination: string; amount_minor: string }[]>`
      select id, destination, amount_minor from refunds where payment_id = ${paid.id}`;
    expect(refund).toMatchObject({ destination: 'wallet', amount_minor: '500000' });
    expect(await processRefund(deps, { refundId: refund?.id as string })).toBe('succeeded');
    expect(await getWallet(deps, me)).toEqual({ balanceMinor: 500_000, currency: 'LKR' });
    expect((await paymentRow(paid.id)).status).toBe('partially_refunded');
  });

  it('the database refuses refunds above what is left of the capture, also when they race', async () => {
    const h = await hold();
    const p = await initiatePayment(deps, actorOf(h.customer), { bookingId: h.bookingId, provider: 'sandbox' }, origin);
    await processPaymentEvent(deps, { eventId: (await sandboxEvent(p.id, p.amountMinor)).eventId as string });
    const payment = { id: p.id, bookingId: h.bookingId, customerId: h.customer, currency: 'LKR', provider: 'sandbox' as const };
    const refund = (amountMinor: number) =>
      withTransaction(deps.db, (tx) =>
        createRefundInTransaction(tx, deps, { payment, amountMinor, reason: 'admin', at: deps.clock.now() }),
      );
    await expect(refund(1_000_001)).rejects.toMatchObject({ code: 'REFUND_EXCEEDS_CAPTURED' });
    // Ten refunds of 40 % at once: only two fit.
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => refund(400_000)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(2);
    expect(
      results.filter((r) => r.status === 'rejected').every((r) => (r as PromiseRejectedResult).reason.code === 'REFUND_EXCEEDS_CAPTURED'),
    ).toBe(true);
    expect((await paymentRow(p.id)).refunded_minor).toBe('800000');
    await expect(refund(200_001)).rejects.toMatchObject({ code: 'REFUND_EXCEEDS_CAPTURED' });
    await refund(200_000);
    expect(await checkMoneyInvariants(deps.db)).toEqual([]);
  });
});

describe('reconciliation', () => {
  it('settles stuck intents either way: captured at the gateway, or failed when nobody paid', async () => {
    const paidAtGateway = await hold();
    const unpaid = await hold();
    const p1 = await initiatePayment(
      deps,
      actorOf(paidAtGateway.customer),
      { bookingId: paidAtGateway.bookingId, provider: 'stripe' },
      origin,
    );
    const p2 = await initiatePayment(deps, actorOf(unpaid.customer), { bookingId: unpaid.bookingId, provider: 'sandbox' }, origin);
    stripe.setStatus(p1.id, 'succeeded');
    // Not stuck yet: left alone.
    await reconcilePayments(deps);
    expect((await paymentRow(p1.id)).status).toBe('pending');
    expect((await paymentRow(p2.id)).status).toBe('pending');
    deps.clock.advance(16 * 60_000);
    const result = await reconcilePayments(deps);
    expect(result.checked).toBeGreaterThanOrEqual(2);
    expect((await paymentRow(p1.id)).status).toBe('completed');
    expect((await bookingStatus(paidAtGateway.bookingId)).status).toBe('confirmed');
    expect((await paymentRow(p2.id)).status).toBe('failed');
    expect(await journalCount(p1.id)).toEqual({ n: 1 });
    // Each customer is told, in the transaction that decided it.
    expect(await noticesOf(paidAtGateway.customer)).toContain('booking.confirmed');
    expect(await noticesOf(unpaid.customer)).toContain('payment.failed');
    // Run again: nothing left to settle, nothing posted twice.
    expect((await reconcilePayments(deps)).checked).toBe(0);
  });

  it('re-queues a refund left pending for an hour (its job lost), and only such refunds', async () => {
    const h = await hold();
    const p = await initiatePayment(deps, actorOf(h.customer), { bookingId: h.bookingId, provider: 'sandbox' }, origin);
    await processPaymentEvent(deps, { eventId: (await sandboxEvent(p.id, p.amountMinor)).eventId as string });
    await cancelBooking(deps, actorOf(h.customer), { bookingId: h.bookingId }, origin);
    const [refund] = await deps.database.sql<{ id: string }[]>`select id from refunds where payment_id = ${p.id}`;
    const refundId = refund?.id as string;
    const jobsFor = async () => (await refundJobs()).filter((j) => j.data.refundId === refundId).length;
    const queued = await jobsFor();
    expect(queued).toBe(1);

    // 59 minutes untouched: its job may still be on its way.
    deps.clock.advance(59 * 60_000);
    await reconcilePayments(deps);
    expect(await jobsFor()).toBe(queued);

    // Past the hour: queued again, and marked touched so the next run leaves it for another hour.
    deps.clock.advance(2 * 60_000);
    const result = await reconcilePayments(deps);
    expect(result.refundsRequeued).toBeGreaterThanOrEqual(1);
    expect(await jobsFor()).toBe(queued + 1);
    const [touched] = await deps.database.sql<{ touched_at: string; status: string }[]>`
      select updated_at::text as touched_at, status from refunds where id = ${refundId}`;
    expect({ at: new Date(touched?.touched_at ?? 0).getTime(), status: touched?.status }).toEqual({
      at: deps.clock.now().getTime(),
      status: 'pending',
    });
    await reconcilePayments(deps);
    expect(await jobsFor()).toBe(queued + 1);

    // The job it queued refunds it once; a refund no longer pending is never queued again.
    expect(await processRefund(deps, { refundId })).toBe('succeeded');
    deps.clock.advance(2 * 60 * 60_000);
    await reconcilePayments(deps);
    expect(await jobsFor()).toBe(queued + 1);
  });
});
