import { ConsoleSmsSender, createSenders, recordPaymentEvent, sweepExpiredHolds } from '@fareway/core';
import { createTestDeps, type TestDeps } from '@fareway/core/testing';
import { newId, schema } from '@fareway/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertRental, insertUser, insertVehicle } from '../../../packages/core/test/support/booking-fixtures';
import { failNextCommitOn } from '../../../packages/core/test/support/fail-once';
import { cancelByPartner, insertPaidRental, insertPendingIntent } from '../../../packages/core/test/support/money-fixtures';
import { createBatchHandlers, createHandlers } from '../src';

// Every job's handler — the very function the worker runs — twice at once, and
// once interrupted between its effect and its completion (its transaction
// aborted at COMMIT by an injected trigger, as a killed process leaves it) and
// then retried, as pg-boss retries it: the effect is there exactly once, read back with SQL.
let deps: TestDeps;
let handlers: ReturnType<typeof createHandlers>;

beforeAll(async () => {
  deps = await createTestDeps({ jobs: 'sender' });
  deps.clock.set('2026-02-10T08:00:00Z');
  handlers = createHandlers(
    deps,
    createSenders(deps.config, deps.log, { sms: new ConsoleSmsSender({ log: { info: () => {} }, revealBody: false }) }),
  );
});
afterAll(async () => {
  await deps.cleanup();
});

const sql = () => deps.database.sql;
const iso = (ms: number) => new Date(ms).toISOString();
/** The run fails with the injected error (drizzle wraps it as the cause of "Failed query" outside a transaction). */
async function failsAtCommit(run: Promise<unknown>) {
  const error = await run.then(
    () => null,
    (e: unknown) => e,
  );
  const chain = [error, (error as { cause?: unknown } | null)?.cause].map((e) => String((e as Error | null)?.message ?? ''));
  expect(chain.join(' | ')).toMatch(/injected failure/);
}
const count = async (query: Promise<{ n: number }[]>) => (await query)[0]?.n ?? -1;

async function dueHolds(n: number): Promise<string[]> {
  const owner = await insertUser(deps, ['driver']);
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const customer = await insertUser(deps);
    const vehicle = await insertVehicle(deps, owner);
    const start = new Date(deps.clock.now().getTime() + 3 * 86_400_000);
    ids.push(
      await insertRental(deps, {
        customerId: customer,
        vehicleId: vehicle,
        ownerUserId: owner,
        start,
        end: new Date(start.getTime() + 86_400_000),
        expiresAt: new Date(deps.clock.now().getTime() - 60_000),
      }),
    );
  }
  return ids;
}

async function expiredOnce(ids: string[]) {
  expect(await count(sql()`select count(*)::int as n from bookings where id in ${sql()(ids)} and status = 'expired'`)).toBe(ids.length);
  expect(
    await count(sql()`select count(*)::int as n from vehicle_occupancies where booking_id in ${sql()(ids)} and status <> 'expired'`),
  ).toBe(0);
  expect(
    await count(sql()`select count(*)::int as n from audit_log where action = 'booking.expired' and subject_id in ${sql()(ids)}`),
  ).toBe(ids.length);
  // Each customer's notice once (the fixtures' customers have a phone only: one SMS each), to the booking's customer.
  const notices = await sql()`
    select n.dedupe_key from notifications n join bookings b on n.dedupe_key = 'booking.hold_expired:' || b.id || ':sms'
    where b.id in ${sql()(ids)} and n.kind = 'booking.hold_expired' and n.user_id = b.customer_id`;
  expect(notices.map((n) => n.dedupe_key).sort()).toEqual(ids.map((id) => `booking.hold_expired:${id}:sms`).sort());
}

describe('expire-holds', () => {
  it('twice at once: every lapsed hold expired and audited once, live holds untouched', async () => {
    const ids = await dueHolds(12);
    const owner = await insertUser(deps, ['driver']);
    const live = await insertRental(deps, {
      customerId: await insertUser(deps),
      vehicleId: await insertVehicle(deps, owner),
      ownerUserId: owner,
      start: new Date('2026-03-01T00:00:00Z'),
      end: new Date('2026-03-02T00:00:00Z'),
    });
    await Promise.all([handlers.expireHolds({}), handlers.expireHolds({})]);
    await expiredOnce(ids);
    expect(await sql()`select status from bookings where id = ${live}`).toEqual([{ status: 'pending' }]);
  });

  it('small chunks three at a time (and a second run beside them): each hold expired once, the count exact', async () => {
    const ids = await dueHolds(30);
    const [one, two] = await Promise.all([sweepExpiredHolds(deps, { chunk: 4, parallel: 3 }), sweepExpiredHolds(deps, { chunk: 3 })]);
    await expiredOnce(ids);
    expect((one?.expired ?? 0) + (two?.expired ?? 0)).toBe(ids.length);
  });

  it('cut off after its first chunk committed, then retried: the rest expired, nothing twice', async () => {
    const ids = await dueHolds(9);
    const fired = await failNextCommitOn(sql(), 'audit_log', { afterRows: 4 });
    await failsAtCommit(sweepExpiredHolds(deps, { chunk: 4, parallel: 1 }));
    expect(await fired()).toBeGreaterThanOrEqual(5);
    expect(await count(sql()`select count(*)::int as n from bookings where id in ${sql()(ids)} and status = 'expired'`)).toBe(4);
    await handlers.expireHolds({});
    await expiredOnce(ids);
  });
});

describe('cleanup-auth', () => {
  async function seed(tag: string) {
    const user = await insertUser(deps);
    const now = deps.clock.now().getTime();
    for (let i = 0; i < 6; i++) {
      await sql()`insert into sessions (id, user_id, created_at, expires_at)
        values (${`${tag}_old_${i}`}, ${user}, ${iso(now - 40 * 86_400_000)}, ${iso(now - 86_400_000)})`;
      await sql()`insert into otp_codes (id, phone, code_hash, created_at, expires_at)
        values (${newId()}, ${`+94${tag}`}, 'x', ${iso(now - 3 * 3_600_000)}, ${iso(now - 2 * 3_600_000)})`;
    }
    await sql()`insert into sessions (id, user_id, created_at, expires_at)
      values (${`${tag}_live`}, ${user}, ${iso(now)}, ${iso(now + 86_400_000)})`;
    // Expired a minute ago: still read by the per-number send window, so kept.
    await sql()`insert into otp_codes (id, phone, code_hash, created_at, expires_at)
      values (${newId()}, ${`+94${tag}`}, 'recent', ${iso(now - 6 * 60_000)}, ${iso(now - 60_000)})`;
  }
  const left = async (tag: string) => ({
    sessions: (await sql()`select id from sessions where id like ${`${tag}_%`} order by id`).map((r) => r.id),
    codes: (await sql()`select code_hash from otp_codes where phone = ${`+94${tag}`}`).map((r) => r.code_hash),
  });

  it('twice at once: expired codes and sessions gone, live ones kept', async () => {
    await seed('771000001');
    await Promise.all([handlers.cleanupAuth({}), handlers.cleanupAuth({})]);
    expect(await left('771000001')).toEqual({ sessions: ['771000001_live'], codes: ['recent'] });
  });

  it('aborted at commit, then retried: the same end state', async () => {
    await seed('771000002');
    const fired = await failNextCommitOn(sql(), 'sessions');
    await failsAtCommit(handlers.cleanupAuth({}));
    expect(await fired()).toBeGreaterThan(0);
    expect((await left('771000002')).sessions).toHaveLength(7);
    await handlers.cleanupAuth({});
    expect(await left('771000002')).toEqual({ sessions: ['771000002_live'], codes: ['recent'] });
  });
});

describe('cleanup-idempotency', () => {
  async function seed(tag: string) {
    const now = deps.clock.now().getTime();
    for (const [key, expires] of [
      [`${tag}-old-1`, now - 1000],
      [`${tag}-old-2`, now - 86_400_000],
      [`${tag}-live`, now + 3_600_000],
    ] as const) {
      await sql()`insert into idempotency_keys (scope, key, request_hash, status, created_at, locked_until, expires_at)
        values ('user:x', ${key}, 'h', 'completed', ${iso(now - 86_400_000)}, ${iso(now - 86_400_000)}, ${iso(expires)})`;
    }
  }
  const keys = async (tag: string) => (await sql()`select key from idempotency_keys where key like ${`${tag}-%`}`).map((r) => r.key);

  it('twice at once, and aborted then retried: only live keys remain', async () => {
    await seed('a');
    await Promise.all([handlers.cleanupIdempotency({}), handlers.cleanupIdempotency({})]);
    expect(await keys('a')).toEqual(['a-live']);
    await seed('b');
    const fired = await failNextCommitOn(sql(), 'idempotency_keys');
    await failsAtCommit(handlers.cleanupIdempotency({}));
    expect(await fired()).toBeGreaterThan(0);
    expect(await keys('b')).toHaveLength(3);
    await handlers.cleanupIdempotency({});
    expect(await keys('b')).toEqual(['b-live']);
  });
});

async function refundJournals(refundId: string) {
  return count(sql()`select count(*)::int as n from ledger_journals where kind = 'refund' and reference = ${refundId}`);
}

describe('process-refunds', () => {
  it('one refund twice at once: refunded and posted once', async () => {
    const paid = await insertPaidRental(deps);
    const refundId = await cancelByPartner(deps, paid);
    await Promise.all([handlers.processRefunds({ refundId }), handlers.processRefunds({ refundId })]);
    expect(await sql()`select status, amount_minor::int as amount from refunds where id = ${refundId}`).toEqual([
      { status: 'succeeded', amount: 1_000_000 },
    ]);
    expect(await refundJournals(refundId)).toBe(1);
  });

  it('aborted at commit, then retried: posted once', async () => {
    const paid = await insertPaidRental(deps);
    const refundId = await cancelByPartner(deps, paid);
    const fired = await failNextCommitOn(sql(), 'ledger_entries');
    await failsAtCommit(handlers.processRefunds({ refundId }));
    expect(await fired()).toBeGreaterThan(0);
    expect(await refundJournals(refundId)).toBe(0);
    await handlers.processRefunds({ refundId });
    await handlers.processRefunds({ refundId });
    expect(await refundJournals(refundId)).toBe(1);
    expect(await sql()`select status from refunds where id = ${refundId}`).toEqual([{ status: 'succeeded' }]);
  });

  it('the sweep (no refund id) twice at once, beside the refund’s own job: posted once', async () => {
    const paid = await insertPaidRental(deps);
    const refundId = await cancelByPartner(deps, paid);
    deps.clock.advance(2 * 60_000);
    await Promise.all([handlers.processRefunds({}), handlers.processRefunds({}), handlers.processRefunds({ refundId })]);
    expect(await refundJournals(refundId)).toBe(1);
  });
});

describe('reconcile-payments', () => {
  async function stuckIntent(): Promise<string> {
    const paid = await insertPaidRental(deps);
    const id = newId();
    const old = new Date(deps.clock.now().getTime() - 3_600_000);
    // A top-up nobody paid: the sandbox has no status API, so reconciliation fails it.
    await deps.db.insert(schema.payments).values({
      id,
      purpose: 'top_up',
      customerId: paid.customerId,
      provider: 'sandbox',
      status: 'pending',
      amountMinor: 5_000,
      currency: 'LKR',
      createdAt: old,
      updatedAt: old,
    });
    return id;
  }
  /** A failure is applied once: a second application would move failed_at to the later clock. */
  const failedAt = async (id: string) =>
    (await sql()`select status, failed_at from payments where id = ${id}`).map((r) => [r.status, new Date(r.failed_at).toISOString()]);

  it('twice at once, and aborted then retried: the stuck intent failed once', async () => {
    const first = await stuckIntent();
    const at = deps.clock.now().toISOString();
    await Promise.all([handlers.reconcilePayments({ intentIds: [first] }), handlers.reconcilePayments({ intentIds: [first] })]);
    deps.clock.advance(60_000);
    await handlers.reconcilePayments({ intentIds: [first] });
    expect(await failedAt(first)).toEqual([['failed', at]]);

    const second = await stuckIntent();
    const fired = await failNextCommitOn(sql(), 'payments');
    await failsAtCommit(handlers.reconcilePayments({ intentIds: [second] }));
    expect(await fired()).toBeGreaterThan(0);
    expect(await sql()`select status from payments where id = ${second}`).toEqual([{ status: 'pending' }]);
    const retriedAt = deps.clock.now().toISOString();
    await handlers.reconcilePayments({ intentIds: [second] });
    deps.clock.advance(60_000);
    await handlers.reconcilePayments({ intentIds: [second] });
    expect(await failedAt(second)).toEqual([['failed', retriedAt]]);
  });
});

describe('process-payment-event', () => {
  async function recordedCapture(options: { needsConfirmation?: boolean } = {}) {
    const customerId = await insertUser(deps);
    const owner = await insertUser(deps, ['driver']);
    const start = new Date(deps.clock.now().getTime() + 5 * 86_400_000);
    const vehicleId = await insertVehicle(deps, owner);
    const end = new Date(start.getTime() + 86_400_000);
    const bookingId = await insertRental(deps, { customerId, vehicleId, ownerUserId: owner, start, end });
    const intentId = await insertPendingIntent(deps, { bookingId, customerId });
    const { eventId } = await recordPaymentEvent(deps, 'sandbox', {
      eventId: `evt_${intentId}`,
      intentId,
      status: 'succeeded',
      amountMinor: 1_000_000,
      currency: 'LKR',
      needsConfirmation: options.needsConfirmation ?? false,
    });
    return { bookingId, intentId, owner, vehicleId, start, end, eventId: eventId as string };
  }
  const capturedOnce = async (c: { bookingId: string; intentId: string }) => {
    expect(await sql()`select status from bookings where id = ${c.bookingId}`).toEqual([{ status: 'confirmed' }]);
    expect(await count(sql()`select count(*)::int as n from ledger_journals where reference = ${c.intentId}`)).toBe(1);
    expect(
      await count(sql()`select count(*)::int as n from audit_log where action = 'booking.confirm' and subject_id = ${c.bookingId}`),
    ).toBe(1);
    expect(
      await count(sql()`select count(*)::int as n from notifications where dedupe_key like ${`booking.confirmed:${c.bookingId}:%`}`),
    ).toBe(1);
  };
  const outcomes = (results: PromiseSettledResult<unknown>[]) => results.map((r) => (r.status === 'fulfilled' ? r.value : 'rejected'));
  /** How many transactions confirmed these bookings (rows one transaction wrote share its xmin). */
  const transactionsOf = (holds: { bookingId: string }[]) =>
    count(sql()`select count(distinct xmin::text)::int as n from bookings where id in ${sql()(holds.map((h) => h.bookingId))}`);

  it('twice at once, and aborted then retried: confirmed and captured once', async () => {
    const first = await recordedCapture();
    await Promise.all([handlers.processPaymentEvent({ eventId: first.eventId }), handlers.processPaymentEvent({ eventId: first.eventId })]);
    await capturedOnce(first);

    const second = await recordedCapture();
    const fired = await failNextCommitOn(sql(), 'ledger_entries');
    await failsAtCommit(handlers.processPaymentEvent({ eventId: second.eventId }));
    expect(await fired()).toBeGreaterThan(0);
    expect(await sql()`select status from bookings where id = ${second.bookingId}`).toEqual([{ status: 'pending' }]);
    await handlers.processPaymentEvent({ eventId: second.eventId });
    await handlers.processPaymentEvent({ eventId: second.eventId });
    await capturedOnce(second);
  });

  it('a batch: live holds captured together, and every other event decided on its own beside them', async () => {
    const [a, b, c] = [await recordedCapture(), await recordedCapture(), await recordedCapture()];
    // A second event id for a's payment (gateways resend under new ids): applied after a's, it changes nothing.
    const again = await recordPaymentEvent(deps, 'sandbox', {
      eventId: `evt_again_${a.intentId}`,
      intentId: a.intentId,
      status: 'succeeded',
      amountMinor: 1_000_000,
      currency: 'LKR',
      needsConfirmation: false,
    });
    // c's hold lapsed and another customer holds the car now: orphaned and refunded, by the general path.
    await sql()`update bookings set status = 'expired' where id = ${c.bookingId}`;
    await insertRental(deps, {
      customerId: await insertUser(deps),
      vehicleId: c.vehicleId,
      ownerUserId: c.owner,
      start: c.start,
      end: c.end,
    });
    // A hint-only event whose gateway check fails: its job alone is retried.
    const hint = await recordedCapture({ needsConfirmation: true });
    const sandbox = deps.gateways.sandbox;
    const flaky = createBatchHandlers({
      ...deps,
      gateways: {
        ...deps.gateways,
        sandbox: {
          ...sandbox,
          fetchStatus: async (query) => {
            if (query.intentId === hint.intentId) throw new Error('gateway unreachable');
            return sandbox.fetchStatus(query);
          },
        },
      },
    });
    const ids = [a.eventId, hint.eventId, b.eventId, again.eventId as string, c.eventId, newId(), a.eventId];
    const results = await flaky.processPaymentEvent?.(ids.map((eventId) => ({ eventId })));
    expect(outcomes(results ?? [])).toEqual(['captured', 'rejected', 'captured', 'ignored', 'orphaned', 'skipped', 'skipped']);
    await capturedOnce(a);
    await capturedOnce(b);
    expect(await transactionsOf([a, b])).toBe(1);
    expect(await sql()`select status from bookings where id = ${hint.bookingId}`).toEqual([{ status: 'pending' }]);
    expect(await sql()`select processed_at from payment_events where id = ${hint.eventId}`).toEqual([{ processed_at: null }]);
    expect(await count(sql()`select count(*)::int as n from refunds where booking_id = ${c.bookingId} and reason = 'orphan'`)).toBe(1);
    // Run again (a retried job): every event is processed already.
    expect(
      outcomes((await createBatchHandlers(deps).processPaymentEvent?.([{ eventId: a.eventId }, { eventId: b.eventId }])) ?? []),
    ).toEqual(['skipped', 'skipped']);
  });

  it('two batches at once over the same events, and a batch aborted at commit: each captured once', async () => {
    const batch = createBatchHandlers(deps).processPaymentEvent;
    const holds = await Promise.all(Array.from({ length: 6 }, () => recordedCapture()));
    const ids = holds.map((h) => ({ eventId: h.eventId }));
    const results = await Promise.all([batch?.(ids), batch?.([...ids].reverse())]);
    for (const result of results) expect(outcomes(result ?? []).filter((o) => o === 'rejected')).toEqual([]);
    for (const hold of holds) await capturedOnce(hold);
    expect(await transactionsOf(holds)).toBe(1);

    // The batch's transaction fails at COMMIT: nothing of it stays, and each event is applied on its own.
    const more = await Promise.all(Array.from({ length: 4 }, () => recordedCapture()));
    const fired = await failNextCommitOn(sql(), 'ledger_entries');
    const retried = await batch?.(more.map((h) => ({ eventId: h.eventId })));
    expect(await fired()).toBeGreaterThan(0);
    expect(outcomes(retried ?? [])).toEqual(['captured', 'captured', 'captured', 'captured']);
    for (const hold of more) await capturedOnce(hold);
    expect(await transactionsOf(more)).toBe(more.length);
  });
});

describe('calculate-settlements', () => {
  const statements = (period: string) =>
    sql()`select partner_account, net_minor::int as net, line_count, status from settlements where period = ${period} order by partner_account`;
  const lines = (period: string) =>
    count(sql()`select count(*)::int as n from settlement_lines l join settlements s on s.id = l.settlement_id where s.period = ${period}`);

  /** `settlement.ready` notices (one SMS per partner: the fixtures' users have a phone only) for the period's statements. */
  const readyNotices = (period: string) =>
    count(sql()`select count(*)::int as n from notifications n join settlements s on n.dedupe_key like 'settlement.ready:' || s.id || ':%'
      where s.period = ${period} and n.kind = 'settlement.ready'`);

  it('twice at once: one statement per partner; again later: nothing changes', async () => {
    deps.clock.set('2026-04-05T10:00:00Z');
    const a = await insertPaidRental(deps);
    await insertPaidRental(deps, { ownerUserId: a.ownerUserId });
    await insertPaidRental(deps);
    deps.clock.set('2026-05-01T02:00:00Z');
    await Promise.all([handlers.calculateSettlements({ period: '2026-04' }), handlers.calculateSettlements({ period: '2026-04' })]);
    const once = await statements('2026-04');
    expect(once).toHaveLength(2);
    expect(await lines('2026-04')).toBe(3);
    // The monthly run (no period: the month before the clock's) finds it all done.
    await handlers.calculateSettlements({});
    expect(await statements('2026-04')).toEqual(once);
    expect(await lines('2026-04')).toBe(3);
    expect(await readyNotices('2026-04')).toBe(2);
  });

  it('aborted at commit, then retried: written once', async () => {
    deps.clock.set('2026-06-05T10:00:00Z');
    await insertPaidRental(deps);
    deps.clock.set('2026-07-01T02:00:00Z');
    const fired = await failNextCommitOn(sql(), 'settlement_lines');
    await failsAtCommit(handlers.calculateSettlements({ period: '2026-06' }));
    expect(await fired()).toBeGreaterThan(0);
    expect(await statements('2026-06')).toEqual([]);
    await handlers.calculateSettlements({ period: '2026-06' });
    await handlers.calculateSettlements({ period: '2026-06' });
    expect(await statements('2026-06')).toHaveLength(1);
    expect(await lines('2026-06')).toBe(1);
    expect(await readyNotices('2026-06')).toBe(1);
  });
});
