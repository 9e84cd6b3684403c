import { newId } from '@fareway/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Actor,
  cancelBooking,
  confirmBooking,
  createBlackout,
  createRentalHold,
  searchVehicles,
  vehicleSearchFilter,
  vehicleSearchQuery,
} from '../src';
import { createTestDeps, type TestDeps } from '../src/testing';
import { insertUser, insertVehicle } from './support/booking-fixtures';

let deps: TestDeps;
const origin = { ip: '10.0.0.3', requestId: 'req_search' };
const at = (iso: string) => new Date(iso);
const actorOf = (userId: string, roles: Actor['roles'] = ['customer']): Actor => ({ userId, roles, sessionId: 's' });
const NOW = at('2026-03-01T00:00:00Z');

beforeAll(async () => {
  deps = await createTestDeps();
});
afterAll(() => deps.cleanup());

describe('searchVehicles', () => {
  it('finds approved vehicles by city (any case) and seats, free for the whole range including their own buffer, priced', async () => {
    deps.clock.set(NOW);
    const city = `Galle-${newId().slice(-6)}`;
    const owner = await insertUser(deps, ['customer', 'driver']);
    const customer = await insertUser(deps);
    const small = await insertVehicle(deps, owner, { city, seats: 4, bufferMinutes: 0, dailyRateMinor: 800_000 });
    const big = await insertVehicle(deps, owner, { city, seats: 7, bufferMinutes: 180, dailyRateMinor: 1_500_000 });
    const blacked = await insertVehicle(deps, owner, { city: city.toUpperCase(), seats: 5, bufferMinutes: 0, dailyRateMinor: 1_000_000 });
    await insertVehicle(deps, owner, { city, status: 'pending_review' });
    await insertVehicle(deps, owner, { city, status: 'suspended' });
    await insertVehicle(deps, owner, { city: 'Elsewhere' });

    const search = (extra: { start?: string; end?: string; seats?: number; page?: number; limit?: number } = {}) =>
      searchVehicles(deps, {
        location: city.toLowerCase(),
        start: extra.start ? at(extra.start) : undefined,
        end: extra.end ? at(extra.end) : undefined,
        seats: extra.seats,
        page: extra.page ?? 1,
        limit: extra.limit ?? 20,
      });
    const ids = async (extra: Parameters<typeof search>[0] = {}) => (await search(extra)).items.map((v) => v.id);

    // Cheapest first; no range, no quote.
    const all = await search();
    expect(all.items.map((v) => v.id)).toEqual([small, blacked, big]);
    expect(all.meta).toEqual({ page: 1, limit: 20, total: 3 });
    expect(all.items[0]?.quote).toBeNull();
    expect(await ids({ seats: 5 })).toEqual([blacked, big]);
    const paged = await search({ limit: 2, page: 2 });
    expect(paged).toMatchObject({ items: [{ id: big }], meta: { page: 2, limit: 2, total: 3 } });
    expect((await search({ limit: 2, page: 3 })).meta.total).toBe(3);

    // A rental of `small` 10th 10:00 → 11th 10:00 and a blackout of `blacked`.
    await createRentalHold(
      deps,
      actorOf(customer),
      { vehicleId: small, start: at('2026-03-10T10:00:00Z'), end: at('2026-03-11T10:00:00Z') },
      origin,
    );
    await createBlackout(
      deps,
      actorOf(owner, ['driver']),
      { vehicleId: blacked, start: at('2026-03-12T00:00:00Z'), end: at('2026-03-13T00:00:00Z') },
      origin,
    );
    // `big` is busy from the 14th 12:00: its own 3-hour buffer after a rental ending at 09:30 reaches it.
    const other = await insertUser(deps);
    await createRentalHold(
      deps,
      actorOf(other),
      { vehicleId: big, start: at('2026-03-14T12:00:00Z'), end: at('2026-03-15T12:00:00Z') },
      origin,
    );

    expect(await ids({ start: '2026-03-10T20:00:00Z', end: '2026-03-11T08:00:00Z' })).toEqual([blacked, big]);
    expect(await ids({ start: '2026-03-11T10:00:00Z', end: '2026-03-11T20:00:00Z' })).toEqual([small, blacked, big]);
    expect(await ids({ start: '2026-03-12T23:00:00Z', end: '2026-03-13T01:00:00Z' })).toEqual([small, big]);
    expect(await ids({ start: '2026-03-13T00:00:00Z', end: '2026-03-13T01:00:00Z' })).toEqual([small, blacked, big]);
    expect(await ids({ start: '2026-03-14T06:00:00Z', end: '2026-03-14T09:30:00Z' })).toEqual([small, blacked]);
    expect(await ids({ start: '2026-03-14T06:00:00Z', end: '2026-03-14T09:00:00Z' })).toEqual([small, blacked, big]);

    const priced = await search({ start: '2026-03-20T04:30:00Z', end: '2026-03-22T05:00:00Z' });
    expect(priced.items.map((v) => v.quote)).toEqual([
      { days: 3, totalMinor: 2_400_000, totalPrice: 24_000, currency: 'LKR' },
      { days: 3, totalMinor: 3_000_000, totalPrice: 30_000, currency: 'LKR' },
      { days: 3, totalMinor: 4_500_000, totalPrice: 45_000, currency: 'LKR' },
    ]);
  });

  it('an expired hold no one has swept yet does not hide a car; cancelled ones neither; confirmed ones do', async () => {
    deps.clock.set(NOW);
    const city = `Jaffna-${newId().slice(-6)}`;
    const owner = await insertUser(deps, ['customer', 'driver']);
    const vehicle = await insertVehicle(deps, owner, { city, bufferMinutes: 0 });
    const customer = await insertUser(deps);
    const range = { start: at('2026-03-10T10:00:00Z'), end: at('2026-03-11T10:00:00Z') };
    const search = async () => (await searchVehicles(deps, { location: city, ...range, page: 1, limit: 20 })).items.map((v) => v.id);

    const held = await createRentalHold(deps, actorOf(customer), { vehicleId: vehicle, ...range }, origin);
    expect(await search()).toEqual([]);
    deps.clock.set(at('2026-03-01T00:05:00Z'));
    expect(await search()).toEqual([vehicle]);
    const [row] = await deps.database.sql`select status from bookings where id = ${held.id}`;
    expect(row?.status).toBe('pending');

    const second = await createRentalHold(deps, actorOf(customer), { vehicleId: vehicle, ...range }, origin);
    await confirmBooking(deps, { bookingId: second.id, paidMinor: second.totalMinor });
    deps.clock.set(at('2026-03-02T00:00:00Z'));
    expect(await search()).toEqual([]);
    await cancelBooking(deps, actorOf(customer), { bookingId: second.id }, origin);
    expect(await search()).toEqual([vehicle]);
  });

  it('refuses half a range, a past or reversed range with VALIDATION_ERROR', async () => {
    deps.clock.set(NOW);
    const search = (start?: string, end?: string) =>
      searchVehicles(deps, { start: start ? at(start) : undefined, end: end ? at(end) : undefined, page: 1, limit: 20 });
    await expect(search('2026-03-10T10:00:00Z')).rejects.toMatchObject({ code: 'VALIDATION_ERROR', details: [{ path: 'endDate' }] });
    await expect(search(undefined, '2026-03-10T10:00:00Z')).rejects.toMatchObject({
      code: 'VALIDATION_ERROR',
      details: [{ path: 'startDate' }],
    });
    await expect(search('2026-02-10T10:00:00Z', '2026-02-11T10:00:00Z')).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
    await expect(search('2026-03-10T10:00:00Z', '2026-03-09T10:00:00Z')).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
  });
});

type PlanNode = { 'Node Type': string; 'Relation Name'?: string; 'Index Name'?: string; Plans?: PlanNode[] };
function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

describe('the availability probe is index-backed', () => {
  it('EXPLAIN: the occupancy probe uses the exclusion constraint’s gist index, custom and generic plans alike', async () => {
    deps.clock.set(NOW);
    const sql = deps.database.sql;
    const owner = await insertUser(deps, ['customer', 'driver']);
    const customer = await insertUser(deps);
    // 200 approved vehicles in the searched city and 1 000 elsewhere, each with 20 rentals every other day
    // (24 000 occupancies), a third of them pending holds: enough rows that a sequential scan would cost.
    await sql`
      insert into vehicles (id, owner_user_id, make, model, year, type, seats, transmission, fuel, city, time_zone,
                            daily_rate_minor, currency, buffer_minutes, status, created_at, updated_at)
      select gen_random_uuid(), ${owner}, 'Toyota', 'Aqua', 2020, 'car', 4, 'automatic', 'hybrid',
             case when g <= 200 then 'Matara' else 'City ' || (g % 50) end, 'Asia/Colombo', 1000000, 'LKR', 60, 'approved', now(), now()
      from generate_series(1, 1200) g`;
    await sql`
      with v as (select id, row_number() over (order by id) as n from vehicles where make = 'Toyota' and model = 'Aqua' and owner_user_id = ${owner}),
      b as (
        insert into bookings (id, kind, customer_id, status, vehicle_id, partner_user_id, starts_at, ends_at, currency, total_minor,
                              commission_rate_basis_points, commission_minor, partner_minor, policy, expires_at, created_at, updated_at)
        select gen_random_uuid(), 'rental', ${customer}, case when (k + v.n) % 3 = 0 then 'pending' else 'confirmed' end, v.id, ${owner},
               timestamptz '2026-03-02 00:00Z' + (k * 2) * interval '1 day', timestamptz '2026-03-02 00:00Z' + (k * 2 + 1) * interval '1 day',
               'LKR', 1000000, 1000, 100000, 900000, '{}'::jsonb, timestamptz '2026-03-01 00:05Z', now(), now()
        from v cross join generate_series(0, 19) k
        returning id, vehicle_id, starts_at, ends_at, status)
      insert into vehicle_occupancies (id, vehicle_id, kind, booking_id, starts_at, ends_at, blocked_period, status, created_at)
      select gen_random_uuid(), vehicle_id, 'booking', id, starts_at, ends_at, tstzrange(starts_at, ends_at + interval '60 minutes', '[)'), status, now()
      from b`;
    await sql`analyze vehicles`;
    await sql`analyze vehicle_occupancies`;
    await sql`analyze bookings`;
    const [{ n } = { n: 0 }] = await sql<Array<{ n: number }>>`select count(*)::int as n from vehicle_occupancies`;
    expect(n).toBeGreaterThanOrEqual(24_000);

    const where = vehicleSearchFilter({ location: 'matara', start: at('2026-03-20T10:00:00Z'), end: at('2026-03-21T10:00:00Z') }, NOW, {
      maxDays: 30,
      maxAdvanceDays: 365,
    });
    const query = vehicleSearchQuery(deps.db, where, 1, 20).toSQL();
    const explain = async (mode: 'auto' | 'force_generic_plan') =>
      sql.begin(async (tx) => {
        await tx.unsafe(`set local plan_cache_mode = ${mode}`);
        const [row] = await tx.unsafe(`explain (format json) ${query.sql}`, query.params as never[]);
        return ((row as Record<string, unknown>)['QUERY PLAN'] as Array<{ Plan: PlanNode }>)[0]?.Plan as PlanNode;
      });
    for (const mode of ['auto', 'force_generic_plan'] as const) {
      const plan = nodes(await explain(mode));
      const onOccupancies = plan.filter((node) => node['Relation Name'] === 'vehicle_occupancies');
      expect(onOccupancies.length, mode).toBeGreaterThan(0);
      for (const node of onOccupancies) {
        expect(node['Node Type'], mode).toMatch(/Index/);
        expect(node['Index Name'], mode).toBe('vehicle_occupancies_no_overlap');
      }
      expect(plan.some((node) => node['Node Type'] === 'Seq Scan' && node['Relation Name'] === 'vehicle_occupancies')).toBe(false);
    }

    deps.clock.set(at('2026-03-01T00:10:00Z'));
    // And the answer is right at that size: rentals take [2nd + 2k days, +1 day + 1 h buffer), so the 21st 02:00–20:00 is free.
    const free = await searchVehicles(deps, {
      location: 'Matara',
      start: at('2026-03-21T02:00:00Z'),
      end: at('2026-03-21T20:00:00Z'),
      page: 1,
      limit: 5,
    });
    expect(free.meta.total).toBe(200);
    const busy = await searchVehicles(deps, {
      location: 'Matara',
      start: at('2026-03-21T02:00:00Z'),
      end: at('2026-03-22T10:00:00Z'),
      page: 1,
      limit: 5,
    });
    // The 22nd is a rental for all of them, but a third are holds that lapsed at 00:05 (it is 00:10 now), never swept: those show.
    const [{ lapsed } = { lapsed: -1 }] = await sql<Array<{ lapsed: number }>>`
      select count(*)::int as lapsed from bookings b join vehicles v on v.id = b.vehicle_id
      where v.city = 'Matara' and b.status = 'pending' and b.starts_at = '2026-03-22T00:00:00Z'`;
    expect(lapsed).toBeGreaterThan(50);
    expect(busy.meta.total).toBe(lapsed);
  });
});
