import { schema } from '@fareway/db';
import { findAppError } from '@fareway/domain';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addOrganizationMember,
  createBus,
  createRoute,
  createSeatLayout,
  createTrip,
  DEMO_OPERATOR,
  DEMO_SECOND_OPERATOR,
  demoOperatorLogosSeeder,
  demoSeeders,
  demoTrips,
  detectFileType,
  listBuses,
  listMyOrganizations,
  listOrganizations,
  listOrganizationTrips,
  listRoutes,
  listSeatLayouts,
  openFile,
  reserveSeats,
  scheduleTrips,
  searchTrips,
} from '../src';
import { createTestDeps, type TestDeps } from '../src/testing';
import { actorOf, createOperator, insertCustomer, type OperatorFixture, ORIGIN, routeStops } from './support/seat-fixtures';

const PAGE = { page: 1, limit: 20 };

let deps: TestDeps;
let operator: OperatorFixture;
const T0 = new Date('2026-03-01T00:00:00Z');

async function failure(promise: Promise<unknown>): Promise<{ code?: string; paths?: string[] }> {
  try {
    await promise;
  } catch (error) {
    const appError = findAppError(error);
    if (!appError) throw error;
    const details = Array.isArray(appError.details) ? (appError.details as Array<{ path: string }>).map((d) => d.path) : undefined;
    return { code: appError.code, paths: details };
  }
  return {};
}

beforeAll(async () => {
  deps = await createTestDeps();
  deps.clock.set(T0);
  operator = await createOperator(deps);
});
afterAll(() => deps.cleanup());

describe('layouts, buses and routes', () => {
  it('stores a listed layout with its seat count; staff may add, strangers are told the organization does not exist', async () => {
    const staff = await insertCustomer(deps);
    const [row] = await deps.db.select({ phone: schema.users.phone }).from(schema.users).where(eq(schema.users.id, staff.userId));
    await addOrganizationMember(
      deps,
      operator.owner,
      { organizationId: operator.organizationId, phoneNumber: row?.phone ?? '', role: 'staff' },
      ORIGIN,
    );
    const layout = await createSeatLayout(
      deps,
      staff,
      {
        organizationId: operator.organizationId,
        name: 'Minibus',
        rows: 2,
        columns: 3,
        cells: [
          { row: 1, column: 1, kind: 'seat', label: '1A', seatClass: 'front' },
          { row: 1, column: 2, kind: 'aisle' },
          { row: 1, column: 3, kind: 'unavailable' },
          { row: 2, column: 1, kind: 'seat', label: '2A' },
          { row: 2, column: 3, kind: 'seat', label: '2B' },
        ],
      },
      ORIGIN,
    );
    expect(layout).toMatchObject({ rows: 2, columns: 3, seatCount: 3 });
    expect((await listSeatLayouts(deps, staff, { organizationId: operator.organizationId, ...PAGE })).items.map((l) => l.name)).toContain(
      'Minibus',
    );
    expect(
      (await failure(listSeatLayouts(deps, await insertCustomer(deps), { organizationId: operator.organizationId, ...PAGE }))).code,
    ).toBe('ORGANIZATION_NOT_FOUND');
    const bad = await failure(
      createSeatLayout(
        deps,
        staff,
        {
          organizationId: operator.organizationId,
          name: 'Bad',
          rows: 1,
          columns: 2,
          cells: [
            { row: 1, column: 1, kind: 'seat', label: '1A' },
            { row: 1, column: 2, kind: 'seat', label: '1A' },
          ],
        },
        ORIGIN,
      ),
    );
    expect(bad).toEqual({ code: 'VALIDATION_ERROR', paths: ['cells.1.label'] });
  });

  it('refuses a bus with another operator layout or a repeated registration, without a 500', async () => {
    const other = await createOperator(deps);
    const foreign = await failure(
      createBus(
        deps,
        operator.owner,
        { organizationId: operator.organizationId, name: 'X', registrationNumber: 'ZZ-1', layoutId: other.layoutId },
        ORIGIN,
      ),
    );
    expect(foreign).toEqual({ code: 'VALIDATION_ERROR', paths: ['layoutId'] });
    await createBus(
      deps,
      operator.owner,
      { organizationId: operator.organizationId, name: 'A', registrationNumber: 'nb-7777', layoutId: operator.layoutId },
      ORIGIN,
    );
    const again = await failure(
      createBus(
        deps,
        operator.owner,
        { organizationId: operator.organizationId, name: 'B', registrationNumber: 'NB-7777', layoutId: operator.layoutId },
        ORIGIN,
      ),
    );
    expect(again.code).toBe('VALIDATION_ERROR');
    const buses = (await listBuses(deps, operator.owner, { organizationId: operator.organizationId, ...PAGE })).items;
    expect(buses.find((b) => b.registrationNumber === 'NB-7777')).toMatchObject({ seatCount: 40, layoutId: operator.layoutId });
  });

  it('validates routes and lists them with their stops', async () => {
    const bad = await failure(
      createRoute(
        deps,
        operator.owner,
        {
          organizationId: operator.organizationId,
          name: 'Bad',
          currency: 'LKR',
          stops: [
            { name: 'A', city: 'A', arriveOffsetMinutes: 0, departOffsetMinutes: 0, fareToNextMinor: 100 },
            { name: 'B', city: 'B', arriveOffsetMinutes: 0, departOffsetMinutes: 0, fareToNextMinor: null },
          ],
        },
        ORIGIN,
      ),
    );
    expect(bad).toEqual({ code: 'VALIDATION_ERROR', paths: ['stops.1.arriveOffsetMinutes'] });
    expect(
      (
        await failure(
          createRoute(
            deps,
            operator.owner,
            { organizationId: operator.organizationId, name: 'X', currency: 'rupees', stops: routeStops(['A', 'B']) },
            ORIGIN,
          ),
        )
      ).code,
    ).toBe('VALIDATION_ERROR');
    const routes = (await listRoutes(deps, operator.owner, { organizationId: operator.organizationId, ...PAGE })).items;
    expect(routes[0]?.stops.map((s) => [s.position, s.name, s.fareToNextMinor])).toEqual([
      [0, 'S0', 10_000],
      [1, 'S1', 11_000],
      [2, 'S2', 12_000],
      [3, 'S3', 13_000],
      [4, 'S4', 14_000],
      [5, 'S5', null],
    ]);
  });
});

describe('trips', () => {
  it('copies the route stops with absolute times and fares, in the operator zone', async () => {
    const trip = await createTrip(
      deps,
      operator.owner,
      {
        organizationId: operator.organizationId,
        routeId: operator.routeId,
        busId: operator.busId,
        departsAt: new Date('2026-03-02T06:00:00Z'),
      },
      ORIGIN,
    );
    expect(trip).toMatchObject({
      status: 'scheduled',
      departsAt: '2026-03-02T06:00:00.000Z',
      arrivesAt: '2026-03-02T11:00:00.000Z',
      timeZone: 'Asia/Colombo',
      currency: 'LKR',
      seatCount: 40,
    });
    expect(trip.stops.map((s) => [s.arrivesAt, s.departsAt, s.fareToNextMinor])[1]).toEqual([
      '2026-03-02T07:00:00.000Z',
      '2026-03-02T07:05:00.000Z',
      11_000,
    ]);
    // The same bus cannot be on two trips at once.
    const busy = await failure(
      createTrip(
        deps,
        operator.owner,
        {
          organizationId: operator.organizationId,
          routeId: operator.routeId,
          busId: operator.busId,
          departsAt: new Date('2026-03-02T10:59:00Z'),
        },
        ORIGIN,
      ),
    );
    expect(busy).toEqual({ code: 'VALIDATION_ERROR', paths: ['departsAt'] });
  });

  it.each<[string, (o: OperatorFixture, other: OperatorFixture) => Parameters<typeof createTrip>[2], string]>([
    [
      'a past departure',
      (o) => ({ organizationId: o.organizationId, routeId: o.routeId, busId: o.busId, departsAt: new Date('2026-02-01T00:00:00Z') }),
      'VALIDATION_ERROR',
    ],
    [
      'another operator route',
      (o, x) => ({ organizationId: o.organizationId, routeId: x.routeId, busId: o.busId, departsAt: new Date('2026-04-01T00:00:00Z') }),
      'NOT_FOUND',
    ],
    [
      'another operator bus',
      (o, x) => ({ organizationId: o.organizationId, routeId: o.routeId, busId: x.busId, departsAt: new Date('2026-04-01T00:00:00Z') }),
      'NOT_FOUND',
    ],
  ])('refuses %s', async (_name, input, code) => {
    const other = await createOperator(deps);
    expect((await failure(createTrip(deps, operator.owner, input(operator, other), ORIGIN))).code).toBe(code);
  });

  it('schedules daily departures at local times across a DST change, idempotently', async () => {
    const london = await createOperator(deps, { timeZone: 'Europe/London', stops: routeStops(['A', 'B', 'C']) });
    const input = {
      organizationId: london.organizationId,
      routeId: london.routeId,
      busId: london.busId,
      startDate: '2026-03-28',
      days: 3,
      departureTimes: ['06:00', '18:30'],
    };
    const first = await scheduleTrips(deps, london.owner, input, ORIGIN);
    // British Summer Time starts on 29 March 2026: 06:00 local is 06:00Z before, 05:00Z after.
    expect(first.created.map((t) => t.departsAt)).toEqual([
      '2026-03-28T06:00:00.000Z',
      '2026-03-28T18:30:00.000Z',
      '2026-03-29T05:00:00.000Z',
      '2026-03-29T17:30:00.000Z',
      '2026-03-30T05:00:00.000Z',
      '2026-03-30T17:30:00.000Z',
    ]);
    expect(first.skipped).toEqual([]);
    const again = await scheduleTrips(deps, london.owner, { ...input, days: 4 }, ORIGIN);
    expect(again.created.map((t) => t.departsAt)).toEqual(['2026-03-31T05:00:00.000Z', '2026-03-31T17:30:00.000Z']);
    expect(again.skipped.map((s) => s.reason)).toEqual(['exists', 'exists', 'exists', 'exists', 'exists', 'exists']);
    const busy = await scheduleTrips(
      deps,
      london.owner,
      { ...input, startDate: '2026-03-28', days: 1, departureTimes: ['07:00', '05:00'] },
      ORIGIN,
    );
    expect(busy.skipped.map((s) => s.reason)).toEqual(['bus_busy', 'bus_busy']);
    expect((await failure(scheduleTrips(deps, london.owner, { ...input, startDate: '2026-02-30' }, ORIGIN))).code).toBe('VALIDATION_ERROR');
    expect((await failure(scheduleTrips(deps, london.owner, { ...input, departureTimes: ['24:00'] }, ORIGIN))).code).toBe(
      'VALIDATION_ERROR',
    );
    const past = await scheduleTrips(deps, london.owner, { ...input, startDate: '2026-02-27', days: 1, departureTimes: ['09:00'] }, ORIGIN);
    expect(past.skipped.map((s) => s.reason)).toEqual(['past']);

    const listed = await listOrganizationTrips(deps, london.owner, { organizationId: london.organizationId, page: 1, limit: 3 });
    expect(listed.meta.total).toBe(8);
    expect(listed.items.map((t) => t.departsAt)).toEqual([
      '2026-03-28T06:00:00.000Z',
      '2026-03-28T18:30:00.000Z',
      '2026-03-29T05:00:00.000Z',
    ]);
    const firstTrip = listed.items[0]?.id ?? '';
    await reserveSeats(deps, await insertCustomer(deps), { tripId: firstTrip, seatNumbers: ['1A', '1B'] }, ORIGIN);
    const after = await listOrganizationTrips(deps, london.owner, { organizationId: london.organizationId, page: 1, limit: 1 });
    expect(after.items[0]?.liveReservations).toBe(2);
    const window = await listOrganizationTrips(deps, london.owner, {
      organizationId: london.organizationId,
      from: new Date('2026-03-30T00:00:00Z'),
      to: new Date('2026-03-31T00:00:00Z'),
      page: 1,
      limit: 10,
    });
    expect(window.items.map((t) => t.departsAt)).toEqual(['2026-03-30T05:00:00.000Z', '2026-03-30T17:30:00.000Z']);
  });
});

describe('organizations for admins and members', () => {
  it('lists operators by status for the approval queue, and the caller own memberships', async () => {
    const pending = await createOperator(deps, { approved: false, name: 'Awaiting Approval' });
    const queue = await listOrganizations(deps, { page: 1, limit: 50, status: 'pending' });
    expect(queue.items.map((o) => o.name)).toContain('Awaiting Approval');
    expect(queue.items.every((o) => o.status === 'pending')).toBe(true);
    const approved = await listOrganizations(deps, { page: 1, limit: 50, status: 'approved' });
    expect(approved.items.map((o) => o.id)).toContain(operator.organizationId);
    expect(approved.items.map((o) => o.id)).not.toContain(pending.organizationId);
    expect((await listMyOrganizations(deps, pending.owner, PAGE)).items.map((o) => [o.id, o.myRole])).toEqual([
      [pending.organizationId, 'owner'],
    ]);
    expect(await listMyOrganizations(deps, actorOf('01900000-0000-7000-8000-000000000000'), PAGE)).toEqual({
      items: [],
      meta: { page: 1, limit: 20, total: 0 },
    });
  });
});

describe('the demo seeder', () => {
  it('creates Lanka Express with two routes and 14 days of trips, once', async () => {
    expect(demoSeeders).toContain(demoTrips);
    deps.clock.set(new Date('2026-05-01T00:00:00Z')); // 05:30 in Colombo: the day's first departure is still ahead.
    const first = await demoTrips.run(deps);
    const [org] = await deps.db.select().from(schema.organizations).where(eq(schema.organizations.name, DEMO_OPERATOR.name));
    expect(org?.status).toBe('approved');
    const trips = await deps.db
      .select({ id: schema.trips.id })
      .from(schema.trips)
      .where(eq(schema.trips.organizationId, org?.id ?? ''));
    expect(trips.length).toBe(14 * 4);
    expect(first.created).toBeGreaterThan(56);
    expect(await demoTrips.run(deps)).toEqual({ created: 0 });
    const kandy = await searchTrips(deps, { origin: 'Colombo', destination: 'Kandy', date: '2026-05-03', page: 1, limit: 20 });
    expect(kandy.items.map((t) => [t.departsAt, t.fareMinor, t.freeSeats])).toEqual([
      ['2026-05-03T00:30:00.000Z', 85_000, 49],
      ['2026-05-03T08:30:00.000Z', 85_000, 49],
    ]);
    const galle = await searchTrips(deps, { origin: 'panadura', destination: 'hikkaduwa', date: '2026-05-14', page: 1, limit: 20 });
    expect(galle.items.map((t) => [t.fromStop, t.toStop, t.fareMinor])).toEqual([
      [1, 4, 43_000],
      [1, 4, 43_000],
    ]);
    const routes = await deps.db
      .select()
      .from(schema.routes)
      .where(and(eq(schema.routes.organizationId, org?.id ?? '')));
    expect(routes.map((r) => r.name).sort()).toEqual(['Colombo → Galle', 'Colombo → Kandy']);
    deps.clock.set(T0);
  });

  it('gives each demo operator a logo drawn at seed time, stored like an upload, public while the operator is approved, once', async () => {
    // The trips seeder above brought the second operator too.
    const [second] = await deps.db.select().from(schema.organizations).where(eq(schema.organizations.name, DEMO_SECOND_OPERATOR.name));
    expect(second?.status).toBe('approved');
    expect(demoSeeders.indexOf(demoOperatorLogosSeeder)).toBeGreaterThan(demoSeeders.indexOf(demoTrips));
    expect(await demoOperatorLogosSeeder.run(deps)).toEqual({ created: 2 });
    expect(await demoOperatorLogosSeeder.run(deps)).toEqual({ created: 0 });
    const logos = await deps.database.sql<Array<{ id: string; name: string; fileId: string; purpose: string }>>`
      select o.id, o.name, f.id as "fileId", f.purpose from organizations o join stored_files f on f.id = o.logo_file_id order by o.name`;
    expect(logos.map((l) => [l.name, l.purpose])).toEqual([
      [DEMO_OPERATOR.name, 'organization_logo'],
      [DEMO_SECOND_OPERATOR.name, 'organization_logo'],
    ]);
    const ruhuna = logos[1] as (typeof logos)[number];
    // Anyone may fetch it (no session), a PNG.
    const opened = await openFile(deps, null, ruhuna.fileId);
    expect(opened).toMatchObject({ contentType: 'image/png', isPublic: true });
    const chunks: Buffer[] = [];
    for await (const chunk of opened.body) chunks.push(chunk as Buffer);
    expect(detectFileType(Buffer.concat(chunks))).toBe('image/png');
    // Search results name the operator with its logo.
    const found = await searchTrips(deps, { origin: 'Colombo', destination: 'Matara', page: 1, limit: 1 });
    expect(found.items[0]?.operator).toEqual({ id: ruhuna.id, name: DEMO_SECOND_OPERATOR.name, logoUrl: `/api/v1/files/${ruhuna.fileId}` });
    // A suspended operator's logo is nobody's business but its owner's and the admins'.
    await deps.database.sql`update organizations set status = 'suspended' where id = ${ruhuna.id}`;
    expect(await failure(openFile(deps, null, ruhuna.fileId))).toMatchObject({ code: 'NOT_FOUND' });
    await deps.database.sql`update organizations set status = 'approved' where id = ${ruhuna.id}`;
  });
});
