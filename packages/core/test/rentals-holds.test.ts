import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Actor,
  cancelBooking,
  confirmBooking,
  createBlackout,
  createRentalHold,
  handOverRental,
  listMyBookings,
  listPartnerRentals,
} from '../src';
import { createTestDeps, type TestDeps } from '../src/testing';
import { insertUser, insertVehicle } from './support/booking-fixtures';

let deps: TestDeps;
const origin = { ip: '10.0.0.1', requestId: 'req_holds' };
const at = (iso: string) => new Date(iso);
const actorOf = (userId: string, roles: Actor['roles'] = ['customer']): Actor => ({ userId, roles, sessionId: 's' });
const NOW = at('2026-03-01T00:00:00Z');

beforeAll(async () => {
  deps = await createTestDeps();
});
afterAll(() => deps.cleanup());

async function setup(overrides: Parameters<typeof insertVehicle>[2] = {}) {
  deps.clock.set(NOW);
  const owner = await insertUser(deps, ['customer', 'driver']);
  const vehicle = await insertVehicle(deps, owner, overrides);
  const customer = await insertUser(deps);
  return { owner, vehicle, customer };
}

const hold = (customer: string, vehicleId: string, start: string, end: string, extra: { pickupLocation?: string } = {}) =>
  createRentalHold(deps, actorOf(customer), { vehicleId, start: at(start), end: at(end), ...extra }, origin);

describe('createRentalHold', () => {
  it('holds the range for 5 minutes, priced per started local day, with lines, policy and the buffered occupancy', async () => {
    const { owner, vehicle, customer } = await setup({ dailyRateMinor: 1_250_000, bufferMinutes: 90 });
    // 10:00 → 10:30 two days later in Asia/Colombo (UTC+5:30): three started local days.
    const booking = await hold(customer, vehicle, '2026-03-10T04:30:00Z', '2026-03-12T05:00:00Z', { pickupLocation: ' Fort station ' });
    expect(booking).toMatchObject({
      kind: 'rental',
      status: 'pending',
      vehicleId: vehicle,
      startDate: '2026-03-10T04:30:00.000Z',
      endDate: '2026-03-12T05:00:00.000Z',
      pickupLocation: 'Fort station',
      totalMinor: 3_750_000,
      totalPrice: 37_500,
      currency: 'LKR',
      expiresAt: '2026-03-01T00:05:00.000Z',
      lines: [{ kind: 'rental_day', quantity: 3, unitMinor: 1_250_000, amountMinor: 3_750_000 }],
    });
    const [row] = await deps.database.sql<Array<Record<string, unknown>>>`
      select b.partner_user_id, b.commission_minor, b.partner_minor, b.commission_rate_basis_points, b.policy,
             o.status, o.blocked_period::text as blocked
      from bookings b join vehicle_occupancies o on o.booking_id = b.id where b.id = ${booking.id}`;
    expect(row).toMatchObject({
      partner_user_id: owner,
      commission_rate_basis_points: 1_000,
      commission_minor: '375000',
      partner_minor: '3375000',
      status: 'pending',
      // The 90-minute turnaround buffer extends the blocked period past the rental.
      blocked: '["2026-03-10 04:30:00+00","2026-03-12 06:30:00+00")',
      policy: deps.config.bookings.policy,
    });
    const audit = await deps.database.sql`select actor_user_id from audit_log where action = 'booking.held' and subject_id = ${booking.id}`;
    expect(audit).toEqual([{ actor_user_id: customer }]);
  });

  it('answers unknown, unapproved and suspended vehicles, and the owner, with their codes', async () => {
    const { owner, customer } = await setup();
    const range = ['2026-03-10T10:00:00Z', '2026-03-11T10:00:00Z'] as const;
    await expect(hold(customer, '01900000-0000-7000-8000-00000000dead', ...range)).rejects.toMatchObject({ code: 'VEHICLE_NOT_FOUND' });
    for (const status of ['draft', 'pending_review', 'rejected', 'suspended'] as const) {
      const vehicle = await insertVehicle(deps, owner, { status });
      await expect(hold(customer, vehicle, ...range)).rejects.toMatchObject({ code: 'VEHICLE_UNAVAILABLE' });
    }
    const mine = await insertVehicle(deps, owner);
    await expect(hold(owner, mine, ...range)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it.each([
    ['a start in the past', '2026-02-28T23:00:00Z', '2026-03-02T10:00:00Z', 'startDate'],
    ['an end before the start', '2026-03-10T10:00:00Z', '2026-03-09T10:00:00Z', 'endDate'],
    ['an empty range', '2026-03-10T10:00:00Z', '2026-03-10T10:00:00Z', 'endDate'],
    ['more than RENTAL_MAX_DAYS', '2026-03-10T10:00:00Z', '2026-04-09T10:00:01Z', 'endDate'],
    ['a start beyond RENTAL_MAX_ADVANCE_DAYS', '2027-03-02T10:00:00Z', '2027-03-03T10:00:00Z', 'startDate'],
  ])('refuses %s with VALIDATION_ERROR', async (_what, start, end, path) => {
    const { vehicle, customer } = await setup();
    await expect(hold(customer, vehicle, start, end)).rejects.toMatchObject({ code: 'VALIDATION_ERROR', details: [{ path }] });
  });

  it('refuses an overlap with a live hold, its buffer or a blackout, and accepts right after the buffer', async () => {
    const { owner, vehicle, customer } = await setup({ bufferMinutes: 60 });
    const other = await insertUser(deps);
    await hold(customer, vehicle, '2026-03-10T10:00:00Z', '2026-03-11T10:00:00Z');
    await expect(hold(other, vehicle, '2026-03-11T10:59:00Z', '2026-03-12T10:00:00Z')).rejects.toMatchObject({ code: 'BOOKING_CONFLICT' });
    // The newcomer's own buffer reaches into the existing rental.
    await expect(hold(other, vehicle, '2026-03-09T10:00:00Z', '2026-03-10T09:30:00Z')).rejects.toMatchObject({ code: 'BOOKING_CONFLICT' });
    await hold(other, vehicle, '2026-03-09T08:00:00Z', '2026-03-10T09:00:00Z');
    await hold(other, vehicle, '2026-03-11T11:00:00Z', '2026-03-12T10:00:00Z');
    await createBlackout(
      deps,
      actorOf(owner, ['driver']),
      { vehicleId: vehicle, start: at('2026-03-20T00:00:00Z'), end: at('2026-03-21T00:00:00Z') },
      origin,
    );
    const third = await insertUser(deps);
    await expect(hold(third, vehicle, '2026-03-19T00:00:00Z', '2026-03-19T23:30:00Z')).rejects.toMatchObject({ code: 'BOOKING_CONFLICT' });
    await hold(third, vehicle, '2026-03-21T00:00:00Z', '2026-03-22T00:00:00Z');
  });

  it('never lets an expired hold block anyone, swept or not', async () => {
    const { vehicle, customer } = await setup();
    const first = await hold(customer, vehicle, '2026-03-10T10:00:00Z', '2026-03-11T10:00:00Z');
    deps.clock.set(at('2026-03-01T00:05:00Z'));
    const other = await insertUser(deps);
    const second = await hold(other, vehicle, '2026-03-10T12:00:00Z', '2026-03-11T12:00:00Z');
    expect(second.status).toBe('pending');
    const statuses = await deps.database
      .sql`select id, status from bookings where id in ${deps.database.sql([first.id, second.id])} order by id`;
    expect(statuses).toEqual([
      { id: first.id, status: 'expired' },
      { id: second.id, status: 'pending' },
    ]);
  });

  it('caps live holds per customer (HOLD_LIMIT_REACHED) and frees the cap as holds lapse', async () => {
    const { owner, customer } = await setup();
    const vehicles = await Promise.all([1, 2, 3, 4].map(() => insertVehicle(deps, owner)));
    for (const v of vehicles.slice(0, 3)) await hold(customer, v, '2026-03-10T10:00:00Z', '2026-03-11T10:00:00Z');
    const fourth = vehicles[3] ?? '';
    await expect(hold(customer, fourth, '2026-03-10T10:00:00Z', '2026-03-11T10:00:00Z')).rejects.toMatchObject({
      code: 'HOLD_LIMIT_REACHED',
      retryAfterSeconds: 60,
    });
    deps.clock.set(at('2026-03-01T00:05:00Z'));
    expect((await hold(customer, fourth, '2026-03-10T10:00:00Z', '2026-03-11T10:00:00Z')).status).toBe('pending');
  });
});

describe('the rental lifecycle on a hold', () => {
  it('confirmBooking → start (owner) → complete; the customer cannot hand over; the machine refuses the rest', async () => {
    const { owner, vehicle, customer } = await setup();
    const booking = await hold(customer, vehicle, '2026-03-10T10:00:00Z', '2026-03-12T10:00:00Z');
    const driver = actorOf(owner, ['customer', 'driver']);
    await expect(handOverRental(deps, driver, { bookingId: booking.id, event: 'start' }, origin)).rejects.toMatchObject({
      code: 'VALIDATION_ERROR',
    });

    const confirmed = await confirmBooking(deps, { bookingId: booking.id, paidMinor: booking.totalMinor });
    expect(confirmed).toMatchObject({ status: 'confirmed', paidMinor: booking.totalMinor });
    await expect(handOverRental(deps, actorOf(customer), { bookingId: booking.id, event: 'start' }, origin)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    const stranger = await insertUser(deps, ['customer', 'driver']);
    await expect(
      handOverRental(deps, actorOf(stranger, ['driver']), { bookingId: booking.id, event: 'start' }, origin),
    ).rejects.toMatchObject({
      code: 'BOOKING_NOT_FOUND',
    });
    await expect(handOverRental(deps, driver, { bookingId: booking.id, event: 'complete' }, origin)).rejects.toMatchObject({
      code: 'VALIDATION_ERROR',
    });

    const active = await handOverRental(deps, driver, { bookingId: booking.id, event: 'start' }, origin);
    expect(active.status).toBe('active');
    await expect(cancelBooking(deps, actorOf(customer), { bookingId: booking.id }, origin)).rejects.toMatchObject({
      code: 'BOOKING_CANNOT_CANCEL',
    });
    const done = await handOverRental(deps, driver, { bookingId: booking.id, event: 'complete' }, origin);
    expect(done.status).toBe('completed');
    const occupancy = await deps.database.sql`select status from vehicle_occupancies where booking_id = ${booking.id}`;
    expect(occupancy).toEqual([{ status: 'completed' }]);
    const trail = await deps.database.sql`select action from audit_log where subject_id = ${booking.id} order by at, id`;
    expect(trail.map((r) => r.action)).toEqual(['booking.held', 'booking.confirm', 'booking.start', 'booking.complete']);
    // A completed rental no longer occupies the vehicle.
    const next = await insertUser(deps);
    expect((await hold(next, vehicle, '2026-03-11T10:00:00Z', '2026-03-12T10:00:00Z')).status).toBe('pending');
  });

  it('an admin may hand over too; cancelling a confirmed rental records the policy refund', async () => {
    const { vehicle, customer } = await setup();
    const admin = await insertUser(deps, ['customer', 'admin']);
    const booking = await hold(customer, vehicle, '2026-03-10T10:00:00Z', '2026-03-11T10:00:00Z');
    await confirmBooking(deps, { bookingId: booking.id, paidMinor: booking.totalMinor });
    const cancelled = await cancelBooking(deps, actorOf(customer), { bookingId: booking.id }, origin);
    expect(cancelled).toMatchObject({ status: 'cancelled', refundDueMinor: booking.totalMinor });
    const second = await hold(customer, vehicle, '2026-03-10T10:00:00Z', '2026-03-11T10:00:00Z');
    await confirmBooking(deps, { bookingId: second.id, paidMinor: second.totalMinor });
    expect((await handOverRental(deps, actorOf(admin, ['admin']), { bookingId: second.id, event: 'start' }, origin)).status).toBe('active');
  });

  it("shows the owner their vehicles' rentals, with the customer's contact once paid", async () => {
    const { owner, vehicle, customer } = await setup();
    const otherVehicle = await insertVehicle(deps, owner);
    const paid = await hold(customer, vehicle, '2026-03-10T10:00:00Z', '2026-03-11T10:00:00Z');
    await confirmBooking(deps, { bookingId: paid.id, paidMinor: paid.totalMinor });
    const unpaid = await hold(customer, otherVehicle, '2026-03-12T10:00:00Z', '2026-03-13T10:00:00Z');
    const driver = actorOf(owner, ['customer', 'driver']);

    const all = await listPartnerRentals(deps, driver, { page: 1, limit: 20 });
    expect(all.meta.total).toBe(2);
    expect(all.items.map((b) => [b.id, b.customer?.phone ?? null])).toEqual([
      [unpaid.id, null],
      [paid.id, expect.stringMatching(/^\+947/)],
    ]);
    const one = await listPartnerRentals(deps, driver, { vehicleId: vehicle, page: 1, limit: 20 });
    expect(one.items.map((b) => b.id)).toEqual([paid.id]);
    await expect(listPartnerRentals(deps, actorOf(customer), { vehicleId: vehicle, page: 1, limit: 20 })).rejects.toMatchObject({
      code: 'VEHICLE_NOT_FOUND',
    });
    expect((await listPartnerRentals(deps, actorOf(customer), { page: 1, limit: 20 })).meta.total).toBe(0);
    expect((await listMyBookings(deps, actorOf(customer), { page: 1, limit: 20 })).items.map((b) => b.id)).toEqual([unpaid.id, paid.id]);
  });
});
