import { isAppError, topUpPostings } from '@fareway/domain';
import { sandboxWebhook } from '@fareway/gateways/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cancelBooking, sweepExpiredHolds } from '../src/bookings';
import { checkMoneyInvariants, postJournal } from '../src/ledger';
import { initiatePayment, processPaymentEvent, recordPaymentEvent } from '../src/payments';
import { createRentalHold } from '../src/rentals/create-rental-hold';
import { reserveSeats } from '../src/seats/reserve-seats';
import { createTestDeps, type TestDeps } from '../src/testing/test-deps';
import { payWithWallet } from '../src/wallet';
import { insertRental, insertUser, insertVehicle } from './support/booking-fixtures';
import { addTrip, createOperator } from './support/seat-fixtures';

/**
 * The races issue 17 found unraced: one customer in many tabs, two tabs paying
 * one booking, a capture against a cancel, against the expiry sweep and against
 * a wallet payment. Each runs the contenders at once on their own connections,
 * several rounds, then reads the invariants back from the database.
 */
let deps: TestDeps;
const origin = { ip: '10.0.0.7', requestId: 'req_races' };
const actorOf = (userId: string) => ({ userId, roles: ['customer' as const], sessionId: 's' });
const T0 = new Date('2026-03-01T00:00:00Z');
const DAY = 86_400_000;
const ROUNDS = 6;
let day = 0;

beforeAll(async () => {
  deps = await createTestDeps({
    jobs: 'sender',
    env: { PUBLIC_URL: 'http://fareway.test', HOLDS_MAX_PER_USER: '3', DATABASE_POOL_MAX: '20' },
  });
  deps.clock.set(T0);
});
afterAll(async () => {
  await deps.cleanup();
});

/** Settles every promise; anything but an AppError (a deadlock, a constraint leaking as a 500) fails the test. */
async function settle<T>(promises: Promise<T>[]): Promise<{ ok: T[]; codes: string[] }> {
  const results = await Promise.allSettled(promises);
  const ok: T[] = [];
  const codes: string[] = [];
  for (const result of results) {
    if (result.status === 'fulfilled') ok.push(result.value);
    else if (isAppError(result.reason) && result.reason.code !== 'INTERNAL_ERROR') codes.push(result.reason.code);
    else throw result.reason;
  }
  return { ok, codes };
}

/** A fresh customer with a pending rental hold on a fresh vehicle (days apart). */
async function hold(options: { expiresAt?: Date } = {}) {
  const owner = await insertUser(deps, ['driver']);
  const vehicle = await insertVehicle(deps, owner);
  const customer = await insertUser(deps);
  day += 3;
  const start = new Date(T0.getTime() + (30 + day) * DAY);
  const bookingId = await insertRental(deps, {
    customerId: customer,
    vehicleId: vehicle,
    ownerUserId: owner,
    start,
    end: new Date(start.getTime() + DAY),
    ...(options.expiresAt ? { expiresAt: options.expiresAt } : {}),
  });
  return { owner, vehicle, customer, bookingId, start };
}

/** The sandbox's signed success for an intent, verified and recorded as the webhook route does: the event id to process. */
async function captureEvent(intentId: string, amountMinor: number): Promise<string> {
  const request = sandboxWebhook({
    secret: deps.config.payments.gateways.sandbox.webhookSecret,
    intentId,
    amountMinor,
    currency: 'LKR',
    type: 'payment.succeeded',
    now: deps.clock.now(),
  });
  const event = await deps.gateways.sandbox.verifyWebhook(request, deps.clock.now());
  if (!event) throw new Error('sandbox event ignored');
  return (await recordPaymentEvent(deps, 'sandbox', event)).eventId as string;
}

/** What the customer was charged for a booking, net: captures (wallet payments included) − refunds that did not fail. */
async function netCharged(bookingId: string): Promise<number> {
  const [row] = await deps.database.sql<{ net: string }[]>`
    select
      coalesce((select sum(captured_minor) from payments where booking_id = ${bookingId}), 0)
      - coalesce((select sum(r.amount_minor) from refunds r join payments p on p.id = r.payment_id
                  where p.booking_id = ${bookingId} and r.status <> 'failed'), 0) as net`;
  return Number(row?.net ?? 0);
}

async function expectMoneyInvariants() {
  expect(await checkMoneyInvariants(deps.db)).toEqual([]);
}

describe('one customer, many tabs', () => {
  it('30 holds at once across three vehicles and a trip: exactly the cap is held, nothing deadlocks', async () => {
    const operator = await createOperator(deps, { rows: 10 });
    const trip = await addTrip(deps, operator, new Date(T0.getTime() + 5 * DAY));
    const owner = await insertUser(deps, ['driver']);
    const vehicles = [await insertVehicle(deps, owner), await insertVehicle(deps, owner), await insertVehicle(deps, owner)];
    for (let round = 0; round < 2; round++) {
      const customer = actorOf(await insertUser(deps));
      const attempts = Array.from({ length: 30 }, (_, i) => {
        if (i % 4 === 3) return reserveSeats(deps, customer, { tripId: trip, seatNumbers: [`${1 + (i % 10)}${'ABCD'[round]}`] }, origin);
        // Distinct days per tab, so only the cap (not the vehicle) stops them.
        const start = new Date(T0.getTime() + (10 + round * 40 + i) * DAY);
        return createRentalHold(
          deps,
          customer,
          { vehicleId: vehicles[i % 3] as string, start, end: new Date(start.getTime() + DAY / 2) },
          origin,
        );
      });
      const { ok, codes } = await settle(attempts);
      expect(ok).toHaveLength(3);
      expect(new Set(codes)).toEqual(new Set(['HOLD_LIMIT_REACHED']));
      const [live] = await deps.database.sql<{ n: number }[]>`
        select count(*)::int as n from bookings where customer_id = ${customer.userId} and status = 'pending' and expires_at > ${T0.toISOString()}::timestamptz`;
      expect(live?.n).toBe(3);
      // Every live hold occupies inventory that mirrors its status.
      const [orphans] = await deps.database.sql<{ n: number }[]>`
        select count(*)::int as n from bookings b
        where b.customer_id = ${customer.userId}
          and not exists (select 1 from vehicle_occupancies o where o.booking_id = b.id and o.status = b.status)
          and not exists (select 1 from seat_reservations s where s.booking_id = b.id and s.status = b.status)`;
      expect(orphans?.n).toBe(0);
    }
  });
});

describe('two tabs pay one booking', () => {
  it('both initiates answer the same intent; one intent exists', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const h = await hold();
      const { ok } = await settle(
        Array.from({ length: 2 }, () =>
          initiatePayment(deps, actorOf(h.customer), { bookingId: h.bookingId, provider: 'sandbox' }, origin),
        ),
      );
      expect(ok).toHaveLength(2);
      expect(ok[0]?.id).toBe(ok[1]?.id);
      const rows = await deps.database.sql<{ status: string }[]>`select status from payments where booking_id = ${h.bookingId}`;
      expect(rows).toEqual([{ status: 'pending' }]);
    }
  });
});

describe('a capture races', () => {
  it('a cancel: the booking ends cancelled and every captured minor is refunded', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const h = await hold();
      const p = await initiatePayment(deps, actorOf(h.customer), { bookingId: h.bookingId, provider: 'sandbox' }, origin);
      const eventId = await captureEvent(p.id, p.amountMinor);
      await settle<unknown>([
        processPaymentEvent(deps, { eventId }),
        cancelBooking(deps, actorOf(h.customer), { bookingId: h.bookingId }, origin),
      ]);
      const [booking] = await deps.database.sql<{ status: string }[]>`select status from bookings where id = ${h.bookingId}`;
      const [payment] = await deps.database.sql<{ status: string; captured_minor: string }[]>`
        select status, captured_minor from payments where id = ${p.id}`;
      // Either order: cancelled after paying (policy refund: all of it, a month ahead) or paid after
      // cancelling (orphaned, refunded in full). The customer is never charged for a cancelled booking.
      expect(booking?.status).toBe('cancelled');
      expect(Number(payment?.captured_minor)).toBe(p.amountMinor);
      expect(await netCharged(h.bookingId)).toBe(0);
    }
    await expectMoneyInvariants();
  });

  it('the expiry sweep: a late payment for a lapsed hold on free inventory confirms it either way', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const h = await hold({ expiresAt: new Date(deps.clock.now().getTime() + 60_000) });
      const p = await initiatePayment(deps, actorOf(h.customer), { bookingId: h.bookingId, provider: 'sandbox' }, origin);
      const eventId = await captureEvent(p.id, p.amountMinor);
      // Past the (extended) hold: the sweep and the capture now race for the booking.
      deps.clock.advance(30 * 60_000);
      await settle<unknown>([processPaymentEvent(deps, { eventId }), sweepExpiredHolds(deps)]);
      const [booking] = await deps.database.sql<{ status: string; paid_minor: string }[]>`
        select status, paid_minor from bookings where id = ${h.bookingId}`;
      expect(booking).toEqual({ status: 'confirmed', paid_minor: String(p.amountMinor) });
      const occupancy = await deps.database.sql<
        { status: string }[]
      >`select status from vehicle_occupancies where booking_id = ${h.bookingId}`;
      expect(occupancy).toEqual([{ status: 'confirmed' }]);
      expect(await netCharged(h.bookingId)).toBe(p.amountMinor);
    }
    await expectMoneyInvariants();
  });

  it('a wallet payment: the booking is paid once, the other money goes back', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const h = await hold();
      await postJournal(deps.db, {
        kind: 'top_up',
        reference: `race-top-up-${h.bookingId}`,
        currency: 'LKR',
        lines: topUpPostings({ provider: 'sandbox', amountMinor: 5_000_000, feeMinor: 0, customerId: h.customer }),
        at: deps.clock.now(),
      });
      const p = await initiatePayment(deps, actorOf(h.customer), { bookingId: h.bookingId, provider: 'sandbox' }, origin);
      const eventId = await captureEvent(p.id, p.amountMinor);
      await settle<unknown>([
        processPaymentEvent(deps, { eventId }),
        payWithWallet(deps, actorOf(h.customer), { bookingId: h.bookingId }, origin),
      ]);
      const [booking] = await deps.database.sql<{ status: string; paid_minor: string }[]>`
        select status, paid_minor from bookings where id = ${h.bookingId}`;
      expect(booking).toEqual({ status: 'confirmed', paid_minor: String(p.amountMinor) });
      // A wallet payment is a payments row too: wallet spend + gateway capture − refunds = one price.
      expect(await netCharged(h.bookingId)).toBe(p.amountMinor);
    }
    await expectMoneyInvariants();
  });
});
