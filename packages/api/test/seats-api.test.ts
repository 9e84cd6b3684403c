import { ensureAdmin, issueSession } from '@fareway/core';
import { createTestDeps, type TestDeps } from '@fareway/core/testing';
import { newId, schema } from '@fareway/db';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaller, createContextFactory, describeError } from '../src';

let deps: TestDeps;
let n = 0;
const T0 = new Date('2026-03-01T00:00:00Z');

async function userWithSession(roles: ('customer' | 'admin')[] = ['customer']) {
  const now = deps.clock.now();
  const id = newId();
  await deps.db
    .insert(schema.users)
    .values({ id, phone: `+9471${3_000_000 + ++n}`, roles, status: 'active', createdAt: now, updatedAt: now });
  return callerFor(id);
}

async function callerFor(userId: string | null) {
  let authorization: string | null = null;
  if (userId) authorization = `Bearer ${(await issueSession(deps.db, userId, deps.clock.now(), 30, { ip: null, requestId: null })).token}`;
  return createCaller(createContextFactory(deps)({ requestId: `req_seats_${++n}`, ip: '10.1.1.1', authorization }));
}

/** What a client would be told: the app code of the one error table (never INTERNAL_ERROR for bad input). */
async function told(promise: Promise<unknown>): Promise<{ code: string; details?: unknown }> {
  try {
    await promise;
    return { code: 'ok' };
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    const { data } = describeError(error, null);
    return data.details === undefined ? { code: data.appCode } : { code: data.appCode, details: data.details };
  }
}

type Caller = Awaited<ReturnType<typeof callerFor>>;
let owner: Caller;
let admin: Caller;
let organizationId = '';
let tripId = '';

beforeAll(async () => {
  deps = await createTestDeps();
  deps.clock.set(T0);
  owner = await userWithSession();
  admin = await callerFor((await ensureAdmin(deps, { email: 'seats-admin@example.com', password: 'seats admin password' })).user.id);
});
afterAll(() => deps.cleanup());

describe('an operator from registration to selling seats, through the router', () => {
  it('registers, builds a bus and a route, schedules a trip; sells only once approved', async () => {
    const org = await owner.organizations.create({ name: 'Ruhuna Lines' });
    organizationId = org.id;
    expect(org.status).toBe('pending');
    expect((await admin.organizations.list({ status: 'pending' })).items.map((o) => o.id)).toContain(organizationId);

    const layout = await owner.operators.createLayout({ organizationId, name: '2+2', standard: { rows: 10 } });
    expect(layout.seatCount).toBe(40);
    const bus = await owner.operators.createBus({ organizationId, name: 'Ruhuna 1', registrationNumber: 'sp-1234', layoutId: layout.id });
    expect(bus.registrationNumber).toBe('SP-1234');
    const route = await owner.operators.createRoute({
      organizationId,
      name: 'Matara → Colombo',
      currency: 'LKR',
      stops: ['Matara', 'Galle', 'Hikkaduwa', 'Ambalangoda', 'Kalutara', 'Colombo'].map((name, i, all) => ({
        name,
        city: name,
        arriveOffsetMinutes: i * 40,
        departOffsetMinutes: i * 40 + (i === 0 || i === all.length - 1 ? 0 : 3),
        fareToNextMinor: i === all.length - 1 ? undefined : 8_000,
      })),
    });
    expect(route.stops).toHaveLength(6);
    const trip = await owner.operators.createTrip({ organizationId, routeId: route.id, busId: bus.id, departsAt: '2026-03-03T01:00:00Z' });
    tripId = trip.id;
    expect((await owner.operators.listTrips({ organizationId })).items.map((t) => t.id)).toEqual([tripId]);

    const customer = await userWithSession();
    // Pending operators are invisible to the public and refused with a clear code when reserved.
    expect((await (await callerFor(null)).trips.search({ origin: 'Matara' })).items).toEqual([]);
    expect(await told(customer.bookings.reserve({ tripId, seatNumbers: ['1A'] }))).toEqual({ code: 'TRIP_NOT_BOOKABLE' });

    await admin.organizations.setStatus({ organizationId, status: 'approved' });
    const found = await (await callerFor(null)).trips.search({ origin: 'matara', destination: 'colombo', date: '2026-03-03' });
    expect(found.items.map((t) => [t.id, t.fareMinor, t.freeSeats])).toEqual([[tripId, 40_000, 40]]);
    const held = await customer.bookings.reserve({ tripId, seatNumbers: ['1A', '1B'], fromStop: 1, toStop: 4, holdDurationMinutes: 5 });
    expect(held).toMatchObject({ kind: 'seat', status: 'pending', totalMinor: 48_000, expiresAt: '2026-03-01T00:05:00.000Z' });
    expect((await customer.bookings.list({ kind: 'seat' })).items.map((b) => b.id)).toEqual([held.id]);
  });

  it('sells 1A for 0→2 and 2→5 and refuses 1→3, with the seat in the error details', async () => {
    const a = await userWithSession();
    const b = await userWithSession();
    const c = await userWithSession();
    expect((await a.bookings.reserve({ tripId, seatNumbers: ['5A'], fromStop: 0, toStop: 2 })).status).toBe('pending');
    expect((await b.bookings.reserve({ tripId, seatNumbers: ['5A'], fromStop: 2, toStop: 5 })).status).toBe('pending');
    expect(await told(c.bookings.reserve({ tripId, seatNumbers: ['5A', '5B'], fromStop: 1, toStop: 3 }))).toEqual({
      code: 'SEATS_UNAVAILABLE',
      details: { seats: ['5A'] },
    });
    const map = await (await callerFor(null)).trips.seats({ id: tripId, fromStop: 1, toStop: 3 });
    expect(map.seats.filter((s) => s.seatNo === '5A' || s.seatNo === '5B').map((s) => s.state)).toEqual(['held', 'free']);
  });

  it('lets the operator see the manifest, move the trip and cancel another with its bookings', async () => {
    const manifest = await owner.operators.tripManifest({ organizationId, tripId });
    expect(manifest.passengers.map((p) => `${p.seatNo} ${p.fromStop}→${p.toStop}`)).toEqual(['1A 1→4', '1B 1→4', '5A 0→2', '5A 2→5']);
    expect((await owner.operators.setTripStatus({ organizationId, tripId, status: 'boarding' })).status).toBe('boarding');
    const cancelled = await owner.operators.cancelTrip({ organizationId, tripId, reason: 'Flooding' });
    expect(cancelled).toMatchObject({ cancelledBookings: 3, refundDueMinor: 0, trip: { status: 'cancelled' } });
    const stranger = await userWithSession();
    expect(await told(stranger.operators.tripManifest({ organizationId, tripId }))).toEqual({ code: 'ORGANIZATION_NOT_FOUND' });
  });
});

describe('bad input never becomes a 500', () => {
  it.each<[string, (c: Caller) => Promise<unknown>, string]>([
    ['reserve with a non-uuid trip', (c) => c.bookings.reserve({ tripId: 'x', seatNumbers: ['1A'] } as never), 'VALIDATION_ERROR'],
    ['reserve with no seats', (c) => c.bookings.reserve({ tripId: newId(), seatNumbers: [] }), 'VALIDATION_ERROR'],
    [
      'reserve with seat numbers that are not strings',
      (c) => c.bookings.reserve({ tripId: newId(), seatNumbers: [1, 2] } as never),
      'VALIDATION_ERROR',
    ],
    [
      'reserve a 20-minute hold',
      (c) => c.bookings.reserve({ tripId: newId(), seatNumbers: ['1A'], holdDurationMinutes: 20 }),
      'VALIDATION_ERROR',
    ],
    ['reserve a negative stop', (c) => c.bookings.reserve({ tripId: newId(), seatNumbers: ['1A'], fromStop: -1 }), 'VALIDATION_ERROR'],
    ['reserve on an unknown trip', (c) => c.bookings.reserve({ tripId: newId(), seatNumbers: ['1A'] }), 'TRIP_NOT_FOUND'],
    ['seats of a trip with a leg past the end', (c) => c.trips.seats({ id: tripId, fromStop: 0, toStop: 9 }), 'VALIDATION_ERROR'],
    ['seats with a word for a stop', (c) => c.trips.seats({ id: tripId, fromStop: 'one' } as never), 'VALIDATION_ERROR'],
    ['a trip by a bad id', (c) => c.trips.get({ id: 'nope' } as never), 'VALIDATION_ERROR'],
    ['search with a bad date', (c) => c.trips.search({ date: '2026-13-45' }), 'VALIDATION_ERROR'],
    ['search with a date in another format', (c) => c.trips.search({ date: 'March 3' }), 'VALIDATION_ERROR'],
    ['a layout with neither cells nor standard', (c) => c.operators.createLayout({ organizationId, name: 'x' }), 'VALIDATION_ERROR'],
    [
      'a layout with a cell outside the grid',
      (c) =>
        c.operators.createLayout({
          organizationId,
          name: 'x',
          rows: 1,
          columns: 1,
          cells: [
            { row: 1, column: 1, kind: 'seat', label: '1A' },
            { row: 1, column: 2, kind: 'aisle' },
          ],
        }),
      'VALIDATION_ERROR',
    ],
    [
      'a bus with an unknown layout',
      (c) => c.operators.createBus({ organizationId, name: 'x', registrationNumber: 'AB-1', layoutId: newId() }),
      'VALIDATION_ERROR',
    ],
    [
      'a route with one stop',
      (c) =>
        c.operators.createRoute({
          organizationId,
          name: 'x',
          currency: 'LKR',
          stops: [{ name: 'A', city: 'A', arriveOffsetMinutes: 0, departOffsetMinutes: 0 }],
        }),
      'VALIDATION_ERROR',
    ],
    [
      'a trip on an unknown route',
      (c) => c.operators.createTrip({ organizationId, routeId: newId(), busId: newId(), departsAt: '2026-04-01T00:00:00Z' }),
      'NOT_FOUND',
    ],
    [
      'a trip at a time without offset',
      (c) => c.operators.createTrip({ organizationId, routeId: newId(), busId: newId(), departsAt: '2026-04-01 10:00' }),
      'VALIDATION_ERROR',
    ],
    [
      'a schedule for 100 days',
      (c) =>
        c.operators.scheduleTrips({
          organizationId,
          routeId: newId(),
          busId: newId(),
          startDate: '2026-04-01',
          days: 100,
          departureTimes: ['06:00'],
        }),
      'VALIDATION_ERROR',
    ],
    [
      'a schedule on 31 February',
      (c) =>
        c.operators.scheduleTrips({
          organizationId,
          routeId: newId(),
          busId: newId(),
          startDate: '2026-02-31',
          days: 1,
          departureTimes: ['06:00'],
        }),
      'VALIDATION_ERROR',
    ],
    [
      'a status move on an unknown trip',
      (c) => c.operators.setTripStatus({ organizationId, tripId: newId(), status: 'departed' }),
      'TRIP_NOT_FOUND',
    ],
    [
      'a status that is not a move',
      (c) => c.operators.setTripStatus({ organizationId, tripId, status: 'scheduled' } as never),
      'VALIDATION_ERROR',
    ],
    ['trips listed from a non-date', (c) => c.operators.listTrips({ organizationId, from: 'yesterday' }), 'VALIDATION_ERROR'],
  ])('%s → %s', async (_name, call, code) => {
    expect((await told(call(owner))).code).toBe(code);
  });
});
