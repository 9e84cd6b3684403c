import { newId } from '@fareway/db';
import { afterAll, beforeAll, expect, it } from 'vitest';
// The booking constraints' error codes (BOOKING_CONFLICT), registered as the server registers them by loading core.
import '../src/bookings';
import { processPaymentEvents } from '../src/payments';
import { createTestDeps, type TestDeps } from '../src/testing/test-deps';
import { insertHold, insertRental, insertUser } from './support/booking-fixtures';
import { failNextCommitOn } from './support/fail-once';
import { insertPendingIntent, recordSandboxEvent } from './support/money-fixtures';

// The worker's batch of payment events (processPaymentEvents with several ids), which only the
// worker's tests walked (issue 17: the mutation run over packages/core/src/payments found the batch
// and its fallback without a core test): what each event comes to, and what the database holds after.

let deps: TestDeps;

beforeAll(async () => {
  deps = await createTestDeps({ jobs: 'sender' });
  deps.clock.set(new Date('2026-03-01T00:00:00Z'));
});
afterAll(async () => {
  await deps?.cleanup();
});

/** A live hold with a pending sandbox intent for its total, and the gateway's signed news of it in the inbox. */
async function heldWithEvent(type: 'payment.succeeded' | 'payment.failed' = 'payment.succeeded') {
  const hold = await insertHold(deps);
  const intentId = await insertPendingIntent(deps, { bookingId: hold.bookingId, customerId: hold.customer });
  const { eventId } = await recordSandboxEvent(deps, intentId, 1_000_000, type);
  return { ...hold, intentId, eventId: eventId as string };
}

/** Everything one capture leaves behind, read back with SQL. */
async function afterCapture(held: { bookingId: string; intentId: string; eventId: string; customer: string }) {
  const sql = deps.database.sql;
  const [payment] = await sql<{ status: string; captured_minor: string; completed: boolean }[]>`
    select status, captured_minor::text, completed_at is not null as completed from payments where id = ${held.intentId}`;
  const [booking] = await sql<{ status: string; paid_minor: string; confirmed: boolean }[]>`
    select status, paid_minor::text, confirmed_at is not null as confirmed from bookings where id = ${held.bookingId}`;
  const [event] = await sql<{ processed: boolean; outcome: string | null }[]>`
    select processed_at is not null as processed, outcome from payment_events where id = ${held.eventId}`;
  const journals = await sql<{ kind: string; total: string }[]>`
    select j.kind, sum(e.amount_minor)::text as total from ledger_journals j join ledger_entries e on e.journal_id = j.id
    where j.reference = ${held.intentId} group by j.id, j.kind`;
  const audits = await sql<{ action: string }[]>`
    select action from audit_log where subject_id in (${held.intentId}, ${held.bookingId}) order by action`;
  const notices = await sql<{ kind: string }[]>`select kind from notifications where user_id = ${held.customer} order by kind`;
  return {
    payment,
    booking,
    event,
    journals,
    audits: audits.map((a) => a.action),
    notices: [...new Set(notices.map((n) => n.kind))],
  };
}

const captured = {
  payment: { status: 'completed', captured_minor: '1000000', completed: true },
  booking: { status: 'confirmed', paid_minor: '1000000', confirmed: true },
  event: { processed: true, outcome: 'captured' },
  // One capture journal, balanced.
  journals: [{ kind: 'capture', total: '0' }],
  audits: ['booking.confirm', 'payment.captured'],
  notices: ['booking.confirmed'],
};

it('captures live holds together, applies a failure and an orphan on their own, and skips a repeated id and an unknown event', async () => {
  const [a, b, c] = [await heldWithEvent(), await heldWithEvent(), await heldWithEvent()];
  const declined = await heldWithEvent('payment.failed');
  // Paid after its hold lapsed and someone else took the car: the capture is orphaned and refunded.
  const lapsed = await heldWithEvent();
  await deps.database.sql`update bookings set status = 'expired' where id = ${lapsed.bookingId}`;
  const end = new Date(lapsed.start.getTime() + 3_600_000);
  await insertRental(deps, {
    customerId: await insertUser(deps),
    vehicleId: lapsed.vehicle,
    ownerUserId: lapsed.owner,
    start: lapsed.start,
    end,
  });
  if (!a || !b || !c) throw new Error('no holds');
  const unknown = newId();

  const ids = [a.eventId, b.eventId, a.eventId, c.eventId, declined.eventId, lapsed.eventId, unknown];
  const results = await processPaymentEvents(deps, { eventIds: ids });
  expect(results).toEqual([
    { status: 'fulfilled', value: 'captured' },
    { status: 'fulfilled', value: 'captured' },
    { status: 'fulfilled', value: 'skipped' },
    { status: 'fulfilled', value: 'captured' },
    { status: 'fulfilled', value: 'failed' },
    { status: 'fulfilled', value: 'orphaned' },
    { status: 'fulfilled', value: 'skipped' },
  ]);
  for (const held of [a, b, c]) expect(await afterCapture(held)).toEqual(captured);
  const failed = await afterCapture(declined);
  expect(failed.payment).toEqual({ status: 'failed', captured_minor: '0', completed: false });
  expect(failed.booking).toMatchObject({ status: 'pending', paid_minor: '0' });
  expect(failed.event).toEqual({ processed: true, outcome: 'failed' });
  expect(failed.journals).toEqual([]);
  expect(failed.notices).toEqual(['payment.failed']);
  // Keyed by the intent, so a retried transaction cannot tell the customer twice.
  const keys = await deps.database.sql<{ dedupe_key: string }[]>`select dedupe_key from notifications where user_id = ${declined.customer}`;
  expect(keys.map((k) => k.dedupe_key)).toEqual([`payment.failed:${declined.intentId}:sms`]);
  const orphan = await afterCapture(lapsed);
  expect(orphan.payment).toEqual({ status: 'completed', captured_minor: '1000000', completed: true });
  expect(orphan.booking).toMatchObject({ status: 'expired', paid_minor: '0', confirmed: false });
  expect(orphan.event).toEqual({ processed: true, outcome: 'orphaned' });
  expect(orphan.journals).toEqual([{ kind: 'orphan_capture', total: '0' }]);
  const told = await deps.database.sql<{ kind: string; dedupe_key: string }[]>`
    select kind, dedupe_key from notifications where user_id = ${lapsed.customer} and kind = 'payment.orphan_refund'`;
  expect(told).toEqual([{ kind: 'payment.orphan_refund', dedupe_key: `payment.orphan_refund:${lapsed.intentId}:sms` }]);
  const refunds = await deps.database.sql<{ reason: string; amount_minor: string; status: string }[]>`
    select reason, amount_minor::text, status from refunds where payment_id = ${lapsed.intentId}`;
  expect(refunds).toEqual([{ reason: 'orphan', amount_minor: '1000000', status: 'pending' }]);

  // Run again (a job retried after its batch committed): every event is processed already, nothing is written twice.
  const again = await processPaymentEvents(deps, { eventIds: ids });
  expect(again.map((r) => r.status === 'fulfilled' && r.value)).toEqual(Array(ids.length).fill('skipped'));
  for (const held of [a, b, c]) expect(await afterCapture(held)).toEqual(captured);
});

it('a batch whose transaction fails leaves nothing of it, and each of its events is then applied on its own', async () => {
  const [a, b] = [await heldWithEvent(), await heldWithEvent()];
  if (!a || !b) throw new Error('no holds');
  // The batch's transaction is the next to write journals: it aborts at commit, once.
  const fired = await failNextCommitOn(deps.database.sql, 'ledger_journals');

  const results = await processPaymentEvents(deps, { eventIds: [a.eventId, b.eventId] });
  expect(await fired()).toBeGreaterThanOrEqual(1);
  expect(results).toEqual([
    { status: 'fulfilled', value: 'captured' },
    { status: 'fulfilled', value: 'captured' },
  ]);
  for (const held of [a, b]) expect(await afterCapture(held)).toEqual(captured);
});
