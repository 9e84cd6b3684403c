import { schema } from '@fareway/db';
import { findAppError } from '@fareway/domain';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cancelBooking,
  cancelTrip,
  confirmBooking,
  getBooking,
  getTripManifest,
  getTripSeats,
  listMyBookings,
  type ReserveSeatsInput,
  reserveSeats,
  setTripStatus,
} from '../src';
import { createTestDeps, type TestDeps } from '../src/testing';
import { waitUntilBlocked } from './support/database-probes';
import { type actorOf, addTrip, createOperator, insertCustomer, type OperatorFixture, ORIGIN } from './support/seat-fixtures';

let deps: TestDeps;
let operator: OperatorFixture;
const T0 = new Date('2026-03-01T00:00:00Z');
const DEPARTS = new Date('2026-03-05T02:00:00Z');

beforeAll(async () => {
  deps = await createTestDeps();
  deps.clock.set(T0);
  operator = await createOperator(deps);
});
afterAll(() => deps.cleanup());

async function codeOf(promise: Promise<unknown>): Promise<{ code: string | undefined; details: unknown }> {
  try {
    await promise;
  } catch (error) {
    const appError = findAppError(error);
    if (!appError) throw error;
    return { code: appError.code, details: appError.details };
  }
  return { code: undefined, details: undefined };
}

async function reserve(actor: ReturnType<typeof actorOf>, input: ReserveSeatsInput) {
  return reserveSeats(deps, actor, input, ORIGIN);
}

async function seatRows(tripId: string) {
  return deps.database.sql<Array<{ seat_no: string; legs: string; status: string }>>`
    select seat_no, legs::text, status from seat_reservations where trip_id = ${tripId} order by seat_no, legs`;
}

describe('reserveSeats', () => {
  it('sells seat 1A for 0→2 and again for 2→5, and refuses 1→3 with the taken seat in details', async () => {
    const tripId = await addTrip(deps, operator, DEPARTS);
    const first = await reserve(await insertCustomer(deps), { tripId, seatNumbers: ['1A'], fromStop: 0, toStop: 2 });
    const second = await reserve(await insertCustomer(deps), { tripId, seatNumbers: ['1A'], fromStop: 2, toStop: 5 });
    expect([first.status, second.status]).toEqual(['pending', 'pending']);
    const refused = await codeOf(reserve(await insertCustomer(deps), { tripId, seatNumbers: ['1A'], fromStop: 1, toStop: 3 }));
    expect(refused).toEqual({ code: 'SEATS_UNAVAILABLE', details: { seats: ['1A'] } });
    expect(await seatRows(tripId)).toEqual([
      { seat_no: '1A', legs: '[0,2)', status: 'pending' },
      { seat_no: '1A', legs: '[2,5)', status: 'pending' },
    ]);
  });

  it('holds all the seats or none, and prices the leg per segment', async () => {
    const tripId = await addTrip(deps, operator, DEPARTS);
    const alice = await insertCustomer(deps);
    const held = await reserve(alice, {
      tripId,
      seatNumbers: ['2b', '10A'],
      fromStop: 1,
      toStop: 3,
      holdDurationMinutes: 7,
      passengers: [{ seatNo: '2B', name: '  Nimal Perera ' }],
    });
    // Segments 1→2 and 2→3 cost 11 000 + 12 000 cents each seat.
    expect(held).toMatchObject({
      kind: 'seat',
      status: 'pending',
      tripId,
      fromStop: 1,
      toStop: 3,
      totalMinor: 46_000,
      totalPrice: 460,
      currency: 'LKR',
      expiresAt: new Date(T0.getTime() + 7 * 60_000).toISOString(),
      startDate: new Date(DEPARTS.getTime() + 65 * 60_000).toISOString(),
      endDate: new Date(DEPARTS.getTime() + 180 * 60_000).toISOString(),
    });
    expect(held.seats).toEqual(
      expect.arrayContaining([
        { seatNo: '2B', passengerName: 'Nimal Perera', fareMinor: 23_000 },
        { seatNo: '10A', passengerName: null, fareMinor: 23_000 },
      ]),
    );
    expect(held.seats).toHaveLength(2);
    // The hold's answer is built from the rows just written; it must read exactly like GET /bookings/{id}.
    expect(held).toEqual(await getBooking(deps, alice, held.id));
    expect(held.lines.map((l) => [l.seatNo, l.amountMinor])).toEqual([
      ['2B', 23_000],
      ['10A', 23_000],
    ]);
    const [row] = await deps.db.select().from(schema.bookings).where(eq(schema.bookings.id, held.id));
    expect(row).toMatchObject({ partnerOrganizationId: operator.organizationId, commissionMinor: 4_600, partnerMinor: 41_400 });

    const bob = await insertCustomer(deps);
    const refused = await codeOf(reserve(bob, { tripId, seatNumbers: ['3A', '2B', '10A'], fromStop: 2, toStop: 4 }));
    expect(refused).toEqual({ code: 'SEATS_UNAVAILABLE', details: { seats: ['2B', '10A'] } });
    // Nothing of the refused request was kept: 3A is still free.
    expect((await seatRows(tripId)).map((r) => r.seat_no)).toEqual(['10A', '2B']);
    const whole = await reserve(bob, { tripId, seatNumbers: ['3A'] });
    expect([whole.fromStop, whole.toStop, whole.expiresAt]).toEqual([0, 5, new Date(T0.getTime() + 15 * 60_000).toISOString()]);
  });

  it.each<[string, Partial<ReserveSeatsInput>, string]>([
    ['an unknown seat', { seatNumbers: ['99Z'] }, 'VALIDATION_ERROR'],
    ['an aisle position label', { seatNumbers: ['1E'] }, 'VALIDATION_ERROR'],
    ['a seat twice', { seatNumbers: ['4A', '4a'] }, 'VALIDATION_ERROR'],
    ['no seat', { seatNumbers: [] }, 'VALIDATION_ERROR'],
    ['eleven seats', { seatNumbers: ['5A', '5B', '5C', '5D', '6A', '6B', '6C', '6D', '7A', '7B', '7C'] }, 'VALIDATION_ERROR'],
    ['a zero-minute hold', { holdDurationMinutes: 0 }, 'VALIDATION_ERROR'],
    ['a 16-minute hold', { holdDurationMinutes: 16 }, 'VALIDATION_ERROR'],
    ['an empty leg', { fromStop: 3, toStop: 3 }, 'VALIDATION_ERROR'],
    ['a backwards leg', { fromStop: 4, toStop: 1 }, 'VALIDATION_ERROR'],
    ['a stop past the end', { fromStop: 0, toStop: 6 }, 'VALIDATION_ERROR'],
    ['a fractional stop', { fromStop: 0.5, toStop: 2 }, 'VALIDATION_ERROR'],
    // The hold's one read takes the stops and seats as parameters before assertLeg and the layout judge them.
    ['a stop past int4', { fromStop: 2 ** 40, toStop: 2 ** 41 }, 'VALIDATION_ERROR'],
    ['a negative stop', { fromStop: -3 }, 'VALIDATION_ERROR'],
    ['seat labels with quotes, commas and braces', { seatNumbers: ['4A', '"},{1A', 'X\\"'] }, 'VALIDATION_ERROR'],
    ['a passenger in another seat', { passengers: [{ seatNo: '9A', name: 'X' }] }, 'VALIDATION_ERROR'],
    ['a blank passenger name', { passengers: [{ seatNo: '4A', name: '  ' }] }, 'VALIDATION_ERROR'],
    ['an unknown trip', { tripId: '01900000-0000-7000-8000-000000000000' }, 'TRIP_NOT_FOUND'],
    ['a trip id that is no uuid', { tripId: 'abc' }, 'TRIP_NOT_FOUND'],
  ])('refuses %s', async (_name, override, code) => {
    const tripId = await addTrip(deps, operator, DEPARTS);
    const result = await codeOf(reserve(await insertCustomer(deps), { tripId, seatNumbers: ['4A'], ...override }));
    expect(result.code).toBe(code);
    expect(await seatRows(tripId)).toEqual([]);
  });

  it('refuses trips that do not sell: operator not approved, cancelled, departed, or already gone from the boarding stop', async () => {
    const pendingOperator = await createOperator(deps, { approved: false });
    const unapproved = await addTrip(deps, pendingOperator, DEPARTS);
    const customer = await insertCustomer(deps);
    expect((await codeOf(reserve(customer, { tripId: unapproved, seatNumbers: ['1A'] }))).code).toBe('TRIP_NOT_BOOKABLE');

    const cancelled = await addTrip(deps, operator, DEPARTS);
    await cancelTrip(deps, operator.owner, { organizationId: operator.organizationId, tripId: cancelled }, ORIGIN);
    expect((await codeOf(reserve(customer, { tripId: cancelled, seatNumbers: ['1A'] }))).code).toBe('TRIP_NOT_BOOKABLE');

    const departed = await addTrip(deps, operator, DEPARTS);
    await setTripStatus(deps, operator.owner, { organizationId: operator.organizationId, tripId: departed, status: 'departed' }, ORIGIN);
    expect((await codeOf(reserve(customer, { tripId: departed, seatNumbers: ['1A'] }))).code).toBe('TRIP_NOT_BOOKABLE');

    const soon = await addTrip(deps, operator, new Date(T0.getTime() + 30 * 60_000));
    deps.clock.set(new Date(T0.getTime() + 2 * 3_600_000));
    try {
      // The bus left stop 0 and stop 1; stop 2 (at +2 h 05) still sells.
      expect((await codeOf(reserve(customer, { tripId: soon, seatNumbers: ['1A'], fromStop: 1, toStop: 3 }))).code).toBe(
        'TRIP_NOT_BOOKABLE',
      );
      expect((await reserve(customer, { tripId: soon, seatNumbers: ['1A'], fromStop: 2, toStop: 3 })).status).toBe('pending');
    } finally {
      deps.clock.set(T0);
    }
  });

  it('does not let a lapsed hold block anyone, even before the sweep', async () => {
    const tripId = await addTrip(deps, operator, DEPARTS);
    const first = await reserve(await insertCustomer(deps), { tripId, seatNumbers: ['5C'], holdDurationMinutes: 2 });
    deps.clock.advance(2 * 60_000);
    try {
      const second = await reserve(await insertCustomer(deps), { tripId, seatNumbers: ['5C'], fromStop: 1, toStop: 2 });
      expect(second.status).toBe('pending');
      const [row] = await deps.db.select({ status: schema.bookings.status }).from(schema.bookings).where(eq(schema.bookings.id, first.id));
      expect(row?.status).toBe('expired');
    } finally {
      deps.clock.set(T0);
    }
  });

  it('caps live holds per user with HOLD_LIMIT_REACHED (rentals and seats together)', async () => {
    const tripId = await addTrip(deps, operator, DEPARTS);
    const greedy = await insertCustomer(deps);
    for (const seat of ['6A', '6B', '6C']) await reserve(greedy, { tripId, seatNumbers: [seat] });
    expect((await codeOf(reserve(greedy, { tripId, seatNumbers: ['6D'] }))).code).toBe('HOLD_LIMIT_REACHED');
    expect((await seatRows(tripId)).length).toBe(3);
  });

  it('lets the exclusion constraint have the last word, and still names the taken seats', async () => {
    const tripId = await addTrip(deps, operator, DEPARTS);
    const intruder = await insertCustomer(deps);
    const customer = await insertCustomer(deps);
    // A writer that skips the trip lock (no code path does; this proves the net under it):
    // it inserts a hold of 7A for 0→3 and keeps its transaction open.
    const reserved = deps.database.sql.reserve();
    const raw = await reserved;
    const bookingId = '01900000-0000-7000-8000-0000000000aa';
    try {
      await raw`begin`;
      await raw`insert into bookings (id, kind, customer_id, status, trip_id, starts_at, ends_at, from_stop, to_stop, currency, total_minor,
        commission_rate_basis_points, commission_minor, partner_minor, policy, expires_at, created_at, updated_at)
        values (${bookingId}, 'seat', ${intruder.userId}, 'pending', ${tripId}, ${DEPARTS.toISOString()}, ${new Date(DEPARTS.getTime() + 3_600_000).toISOString()},
        0, 3, 'LKR', 0, 0, 0, 0, '{}'::jsonb, ${new Date(T0.getTime() + 600_000).toISOString()}, ${T0.toISOString()}, ${T0.toISOString()})`;
      await raw`insert into seat_reservations (id, booking_id, trip_id, seat_no, legs, from_stop, to_stop, fare_minor, status, created_at)
        values (${'01900000-0000-7000-8000-0000000000ab'}, ${bookingId}, ${tripId}, '7A', '[0,3)', 0, 3, 0, 'pending', ${T0.toISOString()})`;
      // The hold's own check cannot see the uncommitted row, so it inserts and waits on the constraint.
      const attempt = codeOf(reserve(customer, { tripId, seatNumbers: ['7A', '7B'], fromStop: 2, toStop: 4 }));
      await waitUntilBlocked(deps);
      await raw`commit`;
      expect(await attempt).toEqual({ code: 'SEATS_UNAVAILABLE', details: { seats: ['7A'] } });
    } finally {
      raw.release();
    }
    expect((await seatRows(tripId)).map((r) => r.seat_no)).toEqual(['7A']);
  });
});

describe('the seat booking lifecycle', () => {
  it('confirms a seat hold through the shared confirmBooking; the seat reads sold', async () => {
    const tripId = await addTrip(deps, operator, DEPARTS);
    const customer = await insertCustomer(deps);
    const held = await reserve(customer, { tripId, seatNumbers: ['8A'], fromStop: 0, toStop: 2 });
    const confirmed = await confirmBooking(deps, { bookingId: held.id, paidMinor: held.totalMinor });
    expect(confirmed.status).toBe('confirmed');
    expect((await seatRows(tripId)).map((r) => r.status)).toEqual(['confirmed']);
    const map = await getTripSeats(deps, { tripId, fromStop: 1, toStop: 2 });
    expect(map.seats.find((s) => s.seatNo === '8A')?.state).toBe('sold');
    expect((await getTripSeats(deps, { tripId, fromStop: 2, toStop: 5 })).seats.find((s) => s.seatNo === '8A')?.state).toBe('free');
    const mine = await listMyBookings(deps, customer, { page: 1, limit: 10 });
    expect(mine.items.map((b) => [b.kind, b.status])).toEqual([['seat', 'confirmed']]);
  });

  it('a late payment re-acquires a lapsed hold when the seat is still free, and is refused when it was resold', async () => {
    const tripId = await addTrip(deps, operator, DEPARTS);
    const slow = await reserve(await insertCustomer(deps), { tripId, seatNumbers: ['8B'], holdDurationMinutes: 1 });
    const slower = await reserve(await insertCustomer(deps), { tripId, seatNumbers: ['8C'], holdDurationMinutes: 1 });
    deps.clock.advance(5 * 60_000);
    try {
      await reserve(await insertCustomer(deps), { tripId, seatNumbers: ['8C'], fromStop: 4, toStop: 5 });
      expect((await confirmBooking(deps, { bookingId: slow.id, paidMinor: slow.totalMinor })).status).toBe('confirmed');
      expect((await codeOf(confirmBooking(deps, { bookingId: slower.id, paidMinor: slower.totalMinor }))).code).toBe('SEATS_UNAVAILABLE');
    } finally {
      deps.clock.set(T0);
    }
  });

  it('the customer cancels through the shared cancel; the seat is free again', async () => {
    const tripId = await addTrip(deps, operator, DEPARTS);
    const customer = await insertCustomer(deps);
    const held = await reserve(customer, { tripId, seatNumbers: ['9A'] });
    const cancelled = await cancelBooking(deps, customer, { bookingId: held.id, reason: 'changed plans' }, ORIGIN);
    expect(cancelled).toMatchObject({ status: 'cancelled', refundDueMinor: 0 });
    expect((await reserve(await insertCustomer(deps), { tripId, seatNumbers: ['9A'] })).status).toBe('pending');
  });

  it('an operator cancelling a trip cancels all its bookings with full refunds due, in one audited transaction', async () => {
    const tripId = await addTrip(deps, operator, DEPARTS);
    const payer = await insertCustomer(deps);
    const paid = await reserve(payer, { tripId, seatNumbers: ['1A', '1B'] });
    await confirmBooking(deps, { bookingId: paid.id, paidMinor: paid.totalMinor });
    const holder = await insertCustomer(deps);
    const hold = await reserve(holder, { tripId, seatNumbers: ['2A'], fromStop: 1, toStop: 2 });
    const lapsing = await reserve(await insertCustomer(deps), { tripId, seatNumbers: ['3A'], holdDurationMinutes: 1 });
    deps.clock.advance(2 * 60_000);
    // Only 24 h before departure would a customer's own cancellation refund in full; the operator's always does.
    const result = await cancelTrip(
      deps,
      operator.owner,
      { organizationId: operator.organizationId, tripId, reason: 'Bus broke down' },
      ORIGIN,
    );
    deps.clock.set(T0);
    expect(result).toMatchObject({ cancelledBookings: 2, refundDueMinor: paid.totalMinor, currency: 'LKR' });
    expect(result.trip).toMatchObject({ status: 'cancelled', cancellationReason: 'Bus broke down' });
    const rows = await deps.database.sql<
      Array<{ id: string; status: string; refund_due_minor: number | null; cancelled_by: string | null }>
    >`
      select id, status, refund_due_minor::int, cancelled_by from bookings where trip_id = ${tripId} order by created_at, id`;
    expect(rows).toEqual([
      { id: paid.id, status: 'cancelled', refund_due_minor: paid.totalMinor, cancelled_by: operator.owner.userId },
      { id: hold.id, status: 'cancelled', refund_due_minor: 0, cancelled_by: operator.owner.userId },
      { id: lapsing.id, status: 'expired', refund_due_minor: null, cancelled_by: null },
    ]);
    const audits = await deps.database.sql<Array<{ action: string; after: { cancelledBy?: string } | null }>>`
      select action, after from audit_log where subject_id in (${tripId}, ${paid.id}) order by at, id`;
    expect(audits.map((a) => a.action)).toEqual(
      expect.arrayContaining(['trip.created', 'booking.held', 'booking.confirm', 'booking.cancel', 'trip.cancelled']),
    );
    expect(audits.find((a) => a.action === 'booking.cancel')?.after).toMatchObject({
      note: { cancelledBy: 'partner', refundDueMinor: paid.totalMinor },
    });
    expect((await seatRows(tripId)).every((r) => r.status !== 'pending' && r.status !== 'confirmed')).toBe(true);
    // A trip cannot be cancelled twice, nor by a stranger.
    expect((await codeOf(cancelTrip(deps, operator.owner, { organizationId: operator.organizationId, tripId }, ORIGIN))).code).toBe(
      'VALIDATION_ERROR',
    );
    expect((await codeOf(cancelTrip(deps, holder, { organizationId: operator.organizationId, tripId }, ORIGIN))).code).toBe(
      'ORGANIZATION_NOT_FOUND',
    );
  });

  it('moves a trip boarding → departed → completed, and its bookings follow', async () => {
    const tripId = await addTrip(deps, operator, DEPARTS);
    const paid = await reserve(await insertCustomer(deps, 'Kamala'), {
      tripId,
      seatNumbers: ['4A'],
      passengers: [{ seatNo: '4A', name: 'Kamala' }],
    });
    await confirmBooking(deps, { bookingId: paid.id, paidMinor: paid.totalMinor });
    const unpaid = await reserve(await insertCustomer(deps), { tripId, seatNumbers: ['4B'] });
    const ids = { organizationId: operator.organizationId, tripId };

    const manifest = await getTripManifest(deps, operator.owner, ids);
    expect(manifest.passengers.map((p) => [p.seatNo, p.passengerName, p.status])).toEqual([
      ['4A', 'Kamala', 'confirmed'],
      ['4B', null, 'pending'],
    ]);
    expect(manifest.counts).toEqual({ held: 1, sold: 1, cancelled: 0 });
    expect((await codeOf(getTripManifest(deps, await insertCustomer(deps), ids))).code).toBe('ORGANIZATION_NOT_FOUND');
    const other = await createOperator(deps);
    expect((await codeOf(getTripManifest(deps, other.owner, { ...ids, organizationId: other.organizationId }))).code).toBe(
      'TRIP_NOT_FOUND',
    );

    expect((await codeOf(setTripStatus(deps, operator.owner, { ...ids, status: 'completed' }, ORIGIN))).code).toBe('VALIDATION_ERROR');
    expect((await setTripStatus(deps, operator.owner, { ...ids, status: 'boarding' }, ORIGIN)).status).toBe('boarding');
    expect((await reserve(await insertCustomer(deps), { tripId, seatNumbers: ['4C'] })).status).toBe('pending');
    expect((await setTripStatus(deps, operator.owner, { ...ids, status: 'departed' }, ORIGIN)).status).toBe('departed');
    const statusOf = async (id: string) =>
      (await deps.db.select({ s: schema.bookings.status }).from(schema.bookings).where(eq(schema.bookings.id, id)))[0]?.s;
    expect([await statusOf(paid.id), await statusOf(unpaid.id)]).toEqual(['active', 'expired']);
    expect((await codeOf(confirmBooking(deps, { bookingId: unpaid.id, paidMinor: unpaid.totalMinor }))).code).toBe('SEATS_UNAVAILABLE');
    expect((await setTripStatus(deps, operator.owner, { ...ids, status: 'completed' }, ORIGIN)).status).toBe('completed');
    expect(await statusOf(paid.id)).toBe('completed');
  });
});
