import { newId } from '@fareway/db';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { TestDeps } from '../src/testing/test-deps';
import { createTestDeps } from '../src/testing/test-deps';
import { getWallet, payWithWallet } from '../src/wallet';
import { insertRental, insertUser, insertVehicle } from './support/booking-fixtures';
import { creditWallet, insertListeningEndpoint, insertPendingIntent } from './support/money-fixtures';

// payWithWallet's refusals and what a wallet payment writes besides the journal (issue 17: the mutation run
// found them unasserted by the core tests): someone else's or an unknown booking, another currency, nothing
// to pay, the shortfall's details, the open gateway checkout it supersedes, the payment row, the partner's
// payment.succeeded and the audit entry.

let deps: TestDeps;
const T0 = new Date('2026-03-01T08:00:00Z');
const origin = { ip: '10.0.0.9', requestId: 'req_wallet' };
let endpoint: string;
let day = 0;

beforeAll(async () => {
  deps = await createTestDeps();
  deps.clock.set(T0);
  endpoint = await insertListeningEndpoint(deps, ['payment.succeeded']);
});
afterAll(async () => {
  await deps?.cleanup();
});

const actorOf = (userId: string) => ({ userId, roles: ['customer' as const], sessionId: 's' });

/** A pending hold of 1 000 000 LKR for a fresh vehicle, days after the last one. */
async function hold(customerId: string) {
  const owner = await insertUser(deps, ['driver']);
  day += 3;
  const start = new Date(T0.getTime() + (7 + day) * 86_400_000);
  return insertRental(deps, {
    customerId,
    vehicleId: await insertVehicle(deps, owner),
    ownerUserId: owner,
    start,
    end: new Date(start.getTime() + 86_400_000),
  });
}

const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => 'paid',
    (error: { code?: string; message?: string; details?: unknown }) => ({
      code: error.code,
      message: error.message,
      details: error.details,
    }),
  );

it('refuses an unknown booking and a stranger, another currency and nothing to pay, with the stable codes; a shortfall says by how much', async () => {
  const customer = await insertUser(deps);
  const stranger = await insertUser(deps);
  await creditWallet(deps, customer, 5_000_000);
  await creditWallet(deps, stranger, 5_000_000);
  const bookingId = await hold(customer);

  expect(await codeOf(payWithWallet(deps, actorOf(customer), { bookingId: newId() }, origin))).toMatchObject({ code: 'BOOKING_NOT_FOUND' });
  expect(await codeOf(payWithWallet(deps, actorOf(stranger), { bookingId }, origin))).toMatchObject({ code: 'BOOKING_NOT_FOUND' });

  await deps.database.sql`update bookings set currency = 'USD' where id = ${bookingId}`;
  expect(await codeOf(payWithWallet(deps, actorOf(customer), { bookingId }, origin))).toMatchObject({
    code: 'VALIDATION_ERROR',
    message: 'The wallet pays in LKR; this booking is in USD',
  });
  await deps.database
    .sql`update bookings set currency = 'LKR', total_minor = 0, commission_minor = 0, partner_minor = 0 where id = ${bookingId}`;
  expect(await codeOf(payWithWallet(deps, actorOf(customer), { bookingId }, origin))).toMatchObject({
    code: 'VALIDATION_ERROR',
    message: 'Nothing to pay for this booking',
  });

  const poor = await insertUser(deps);
  await creditWallet(deps, poor, 400_000);
  expect(await codeOf(payWithWallet(deps, actorOf(poor), { bookingId: await hold(poor) }, origin))).toEqual({
    code: 'INSUFFICIENT_BALANCE',
    message: 'Insufficient wallet balance. Please top up.',
    details: { balanceMinor: 400_000, requiredMinor: 1_000_000, currency: 'LKR' },
  });
  expect(await getWallet(deps, actorOf(poor))).toEqual({ balanceMinor: 400_000, currency: 'LKR' });
});

it('supersedes the open gateway checkouts, writes a completed wallet payment, tells the partner and audits it', async () => {
  const customer = await insertUser(deps);
  await creditWallet(deps, customer, 2_000_000);
  // One open checkout per booking: one pending (the gateway was asked), one initiated (not yet).
  const first = await hold(customer);
  const pending = await insertPendingIntent(deps, { bookingId: first, customerId: customer, provider: 'sandbox' });
  const bookingId = await hold(customer);
  const initiated = await insertPendingIntent(deps, { bookingId, customerId: customer, provider: 'stripe' });
  await deps.database.sql`update payments set status = 'initiated' where id = ${initiated}`;

  await payWithWallet(deps, actorOf(customer), { bookingId: first }, origin);
  const paid = await payWithWallet(deps, actorOf(customer), { bookingId }, origin);

  for (const id of [pending, initiated]) {
    const [intent] = await deps.database.sql<{ status: string; failure_reason: string | null }[]>`
      select status, failure_reason from payments where id = ${id}`;
    expect(intent).toEqual({ status: 'failed', failure_reason: 'superseded' });
  }
  const [row] = await deps.database.sql<{ provider: string; method: string; status: string; captured: number }[]>`
    select provider, method, status, captured_minor::int as captured from payments where id = ${paid.id}`;
  expect(row).toEqual({ provider: 'wallet', method: 'wallet', status: 'completed', captured: 1_000_000 });

  const told = await deps.database.sql<{ type: string; payment: string }[]>`
    select e.type, e.data->'payment'->>'id' as payment
    from webhook_events e join webhook_deliveries d on d.event_id = e.id and d.endpoint_id = ${endpoint}
    where e.data->'payment'->>'id' = ${paid.id}`;
  expect(told).toEqual([{ type: 'payment.succeeded', payment: paid.id }]);

  const audit = await deps.database.sql<{ actor: string; subject_type: string; after: unknown }[]>`
    select actor_user_id as actor, subject_type, after from audit_log where action = 'payment.captured' and subject_id = ${paid.id}`;
  expect(audit).toEqual([
    {
      actor: customer,
      subject_type: 'payment',
      after: { provider: 'wallet', bookingId, amountMinor: 1_000_000, currency: 'LKR' },
    },
  ]);
});
