import { newId, rawClient, schema, tstzRangeLiteral } from '@fareway/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reserveSeats } from '../src';
import { createTestDeps, type TestDeps } from '../src/testing';
import { insertRental, insertUser, insertVehicle } from './support/booking-fixtures';
import { addTrip, createOperator, insertCustomer, ORIGIN } from './support/seat-fixtures';

// Migration 0050 made the inventory keys include their distribution column
// ((vehicle_id, booking_id), (trip_id, booking_id, seat_no)); 0051 pins every inventory
// row to its booking's own vehicle or trip, so those keys still allow one occupancy per
// booking and one row per seat of a booking, as the narrower keys did.
let deps: TestDeps;
beforeAll(async () => {
  deps = await createTestDeps();
  deps.clock.set(new Date('2026-03-01T00:00:00Z'));
});
afterAll(() => deps.cleanup());

/** The Postgres error a raw statement fails with (SQLSTATE and message). */
async function failure(run: () => Promise<unknown>): Promise<{ code?: string; message: string }> {
  try {
    await run();
  } catch (error) {
    return error as { code?: string; message: string };
  }
  throw new Error('expected the statement to fail');
}

describe('inventory rows stay on their booking’s vehicle or trip', () => {
  it('refuses an occupancy on another vehicle, and a second one for the same booking', async () => {
    const owner = await insertUser(deps, ['driver']);
    const customer = await insertUser(deps);
    const [vehicleA, vehicleB] = [await insertVehicle(deps, owner), await insertVehicle(deps, owner)];
    const start = new Date('2026-03-10T00:00:00Z');
    const bookingId = await insertRental(deps, {
      customerId: customer,
      vehicleId: vehicleA,
      ownerUserId: owner,
      start,
      end: new Date('2026-03-11T00:00:00Z'),
    });
    const sql = rawClient(deps.db);
    const occupancy = (vehicleId: string, from: Date) => {
      const to = new Date(from.getTime() + 3_600_000);
      return sql`insert into vehicle_occupancies (id, vehicle_id, kind, booking_id, starts_at, ends_at, blocked_period, status, created_at)
          values (${newId()}, ${vehicleId}, 'booking', ${bookingId}, ${from.toISOString()}::timestamptz, ${to.toISOString()}::timestamptz,
                  ${tstzRangeLiteral(from, to)}::tstzrange, 'pending', now())`;
    };
    const elsewhere = await failure(() => occupancy(vehicleB, new Date('2026-04-01T00:00:00Z')));
    expect(elsewhere.code).toBe('23514');
    expect(elsewhere.message).toContain(`inventory row of booking ${bookingId} is on ${vehicleB}`);
    const twice = await failure(() => occupancy(vehicleA, new Date('2026-04-01T00:00:00Z')));
    expect(twice.code).toBe('23505');
    expect(twice.message).toContain('vehicle_occupancies_booking_key');
    // Moving the row to another vehicle is refused the same way.
    const moved = await failure(() => sql`update vehicle_occupancies set vehicle_id = ${vehicleB} where booking_id = ${bookingId}`);
    expect(moved.code).toBe('23514');
  });

  it('refuses a seat row on another trip, and the same seat twice in one booking', async () => {
    const operator = await createOperator(deps);
    const [tripA, tripB] = [
      await addTrip(deps, operator, new Date('2026-03-05T02:00:00Z')),
      await addTrip(deps, operator, new Date('2026-03-06T02:00:00Z')),
    ];
    const customer = await insertCustomer(deps);
    const held = await reserveSeats(deps, customer, { tripId: tripA, seatNumbers: ['1A'], fromStop: 0, toStop: 2 }, ORIGIN);
    const [row] = await deps.db.select().from(schema.seatReservations).where(eq(schema.seatReservations.bookingId, held.id));
    expect(row?.tripId).toBe(tripA);
    const sql = rawClient(deps.db);
    const seat = (tripId: string, seatNo: string) =>
      sql`insert into seat_reservations (id, booking_id, trip_id, seat_no, legs, from_stop, to_stop, fare_minor, status, created_at)
          values (${newId()}, ${held.id}, ${tripId}, ${seatNo}, '[3,5)'::int4range, 3, 5, 100, 'pending', now())`;
    const elsewhere = await failure(() => seat(tripB, '2A'));
    expect(elsewhere.code).toBe('23514');
    expect(elsewhere.message).toContain(`is on ${tripB}`);
    const twice = await failure(() => seat(tripA, '1A'));
    expect(twice.code).toBe('23505');
    expect(twice.message).toContain('seat_reservations_seat_per_booking');
  });
});

// Migration 0025 checks a booking's partner against its own vehicle or trip rather than against users /
// organizations (whose rows every concurrent hold of one partner locked): the partner must be that
// vehicle's owner or that trip's operator, and a partner never stands without its inventory.
describe('a booking’s partner is its vehicle’s owner or its trip’s operator', () => {
  it('refuses another owner, another operator, an operator on a rental, and moving a booked trip', async () => {
    const owner = await insertUser(deps, ['driver']);
    const stranger = await insertUser(deps, ['driver']);
    const customer = await insertUser(deps);
    const vehicle = await insertVehicle(deps, owner);
    const rental = await insertRental(deps, {
      customerId: customer,
      vehicleId: vehicle,
      ownerUserId: owner,
      start: new Date('2026-03-20T00:00:00Z'),
      end: new Date('2026-03-21T00:00:00Z'),
    });
    const [operator, rival] = [await createOperator(deps), await createOperator(deps, { name: 'Rival Lines' })];
    const trip = await addTrip(deps, operator, new Date('2026-03-07T02:00:00Z'));
    const seatHolder = await insertCustomer(deps);
    const held = await reserveSeats(deps, seatHolder, { tripId: trip, seatNumbers: ['2A'], fromStop: 0, toStop: 1 }, ORIGIN);
    const sql = rawClient(deps.db);

    const otherOwner = await failure(() => sql`update bookings set partner_user_id = ${stranger} where id = ${rental}`);
    expect(otherOwner.code).toBe('23503');
    expect(otherOwner.message).toContain('bookings_vehicle_partner_fk');
    const otherOperator = await failure(
      () => sql`update bookings set partner_organization_id = ${rival.organizationId} where id = ${held.id}`,
    );
    expect(otherOperator.code).toBe('23503');
    expect(otherOperator.message).toContain('bookings_trip_partner_fk');
    const operatorOnRental = await failure(
      () => sql`update bookings set partner_organization_id = ${operator.organizationId} where id = ${rental}`,
    );
    expect(operatorOnRental.code).toBe('23514');
    expect(operatorOnRental.message).toContain('bookings_partner_shape');
    // The trip cannot change hands under its bookings (the key they reference would change).
    const moved = await failure(() => sql`update trips set organization_id = ${rival.organizationId} where id = ${trip}`);
    expect(moved.code).toBe('23503');
    // What the use cases write passes: the rental's owner and the trip's operator.
    const rows = await sql<Array<{ partner_user_id: string | null; partner_organization_id: string | null }>>`
      select partner_user_id, partner_organization_id from bookings where id in (${rental}, ${held.id}) order by kind`;
    expect(rows).toEqual([
      { partner_user_id: owner, partner_organization_id: null },
      { partner_user_id: null, partner_organization_id: operator.organizationId },
    ]);
  });
});
