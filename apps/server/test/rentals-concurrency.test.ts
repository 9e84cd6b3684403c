import { issueSession } from '@fareway/core';
import { createTestDeps, type TestDeps } from '@fareway/core/testing';
import { connectDatabase, type DatabaseHandle, newId } from '@fareway/db';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../src/app';
import { apiFetch } from './support/openapi-validator';

/**
 * DESIGN.md §3 under load, over real HTTP: 200 signed-in customers hold one
 * vehicle (then 20) at the same instant with random overlapping ranges. The
 * invariants are read back from the database; nothing sleeps.
 */
const CLIENTS = 200;
let deps: TestDeps;
let pool: DatabaseHandle;
let app: FastifyInstance;
let base: string;
let owner: string;
const tokens: string[] = [];
const BASE = Date.parse('2026-03-05T00:00:00Z');
const HOUR = 3_600_000;

/** A small seeded PRNG (mulberry32): the same ranges on every run, printed seed to replay. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

beforeAll(async () => {
  deps = await createTestDeps({ env: { DATABASE_POOL_MAX: '40', PUBLIC_URL: 'http://fareway.test' } });
  deps.clock.set('2026-03-01T00:00:00Z');
  // The server gets a pool as large as DATABASE_POOL_MAX says (the test database's own pool is small).
  pool = connectDatabase(deps.database.url, { max: deps.config.database.poolMax, applicationName: 'fareway-concurrency' });
  app = await buildServer({ ...deps, db: pool.db }, { serveApps: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

  const sql = deps.database.sql;
  owner = newId();
  await sql`insert into users (id, phone, roles, status, created_at, updated_at) values (${owner}, '+94779990000', '{customer,driver}', 'active', now(), now())`;
  const ids = Array.from({ length: CLIENTS }, () => newId());
  await sql`
    insert into users (id, phone, roles, status, created_at, updated_at)
    select id, '+9477' || (8000000 + n), '{customer}', 'active', now(), now()
    from unnest(${sql.array(ids)}::uuid[]) with ordinality as u(id, n)`;
  for (const id of ids) tokens.push((await issueSession(deps.db, id, deps.clock.now(), 30, { ip: null, requestId: null })).token);
});
afterAll(async () => {
  await app.close();
  await pool.close();
  await deps.cleanup();
});

async function insertVehicles(count: number, seed: number): Promise<{ id: string; bufferMinutes: number }[]> {
  const random = prng(seed);
  const vehicles = Array.from({ length: count }, () => ({ id: newId(), bufferMinutes: Math.floor(random() * 5) * 30 }));
  for (const v of vehicles) {
    await deps.database.sql`
      insert into vehicles (id, owner_user_id, make, model, year, type, seats, transmission, fuel, city, time_zone,
                            daily_rate_minor, currency, buffer_minutes, status, created_at, updated_at)
      values (${v.id}, ${owner}, 'Toyota', 'Aqua', 2020, 'car', 4, 'automatic', 'hybrid', 'Colombo', 'Asia/Colombo',
              900000, 'LKR', ${v.bufferMinutes}, 'approved', now(), now())`;
  }
  return vehicles;
}

/** Every client at once, each with its own session: random ranges in a 10-day window, 1 h to 3 days long. */
async function stampede(vehicleIds: string[], seed: number) {
  const random = prng(seed);
  const requests = tokens.map((token) => {
    const vehicleId = vehicleIds[Math.floor(random() * vehicleIds.length)] ?? '';
    const start = BASE + Math.floor(random() * 240) * HOUR;
    const end = start + (1 + Math.floor(random() * 72)) * HOUR;
    return { token, body: { vehicleId, startDate: new Date(start).toISOString(), endDate: new Date(end).toISOString() } };
  });
  return Promise.all(
    requests.map(async ({ token, body }) => {
      const res = await apiFetch(`${base}/api/v1/bookings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      });
      const json = (await res.json()) as {
        success: boolean;
        data?: { id: string; vehicleId: string; status: string };
        error?: { code: string };
      };
      return { status: res.status, json, body };
    }),
  );
}

async function checkInvariants(vehicleIds: string[], results: Awaited<ReturnType<typeof stampede>>) {
  const sql = deps.database.sql;
  expect(results.filter((r) => r.status >= 500)).toEqual([]);
  const winners = results.filter((r) => r.status === 200);
  const losers = results.filter((r) => r.status !== 200);
  expect(winners.every((r) => r.json.success && r.json.data?.status === 'pending')).toBe(true);
  expect(losers.map((r) => `${r.status} ${r.json.error?.code}`).filter((s) => s !== '409 BOOKING_CONFLICT')).toEqual([]);
  // The race was real: some won, many lost.
  expect(winners.length).toBeGreaterThan(vehicleIds.length - 1);
  expect(losers.length).toBeGreaterThan(CLIENTS / 4);

  const [overlaps] = await sql`
    select count(*)::int as n from vehicle_occupancies a join vehicle_occupancies b
      on a.vehicle_id = b.vehicle_id and a.id < b.id and a.blocked_period && b.blocked_period
    where a.vehicle_id in ${sql(vehicleIds)}
      and a.status in ('pending', 'confirmed', 'active', 'blackout') and b.status in ('pending', 'confirmed', 'active', 'blackout')`;
  expect(overlaps?.n).toBe(0);
  const rows = await sql<Array<{ id: string; occupancy_status: string; blocked: boolean }>>`
    select b.id, o.status as occupancy_status,
           o.blocked_period = tstzrange(b.starts_at, b.ends_at + v.buffer_minutes * interval '1 minute', '[)') as blocked
    from bookings b join vehicle_occupancies o on o.booking_id = b.id join vehicles v on v.id = b.vehicle_id
    where b.vehicle_id in ${sql(vehicleIds)}`;
  // Exactly the winners hold rows, each blocking its range plus its vehicle's buffer.
  expect(rows.map((r) => r.id).sort()).toEqual(winners.map((r) => r.json.data?.id).sort());
  expect(rows.every((r) => r.occupancy_status === 'pending' && r.blocked)).toBe(true);
  const [orphans] =
    await sql`select count(*)::int as n from bookings where vehicle_id in ${sql(vehicleIds)} and id not in (select booking_id from vehicle_occupancies where booking_id is not null)`;
  expect(orphans?.n).toBe(0);
}

describe('200 clients at once over HTTP', () => {
  it('on one vehicle: no overlapping live holds, no 5xx, every loser BOOKING_CONFLICT, winners = rows', async () => {
    const [vehicle] = await insertVehicles(1, 11);
    const ids = [vehicle?.id ?? ''];
    const results = await stampede(ids, 1_234);
    await checkInvariants(ids, results);
  });

  it('across 20 vehicles with different buffers: the same, per vehicle', async () => {
    const vehicles = await insertVehicles(20, 22);
    const ids = vehicles.map((v) => v.id);
    const results = await stampede(ids, 5_678);
    await checkInvariants(ids, results);
    // Every vehicle was contended and every one got at least one hold.
    const perVehicle = new Map<string, number>();
    for (const r of results.filter((r) => r.status === 200)) perVehicle.set(r.body.vehicleId, (perVehicle.get(r.body.vehicleId) ?? 0) + 1);
    expect(perVehicle.size).toBe(20);
  });
});
