// bench/rental-holds: rental holds (POST /api/v1/bookings) through the whole HTTP
// stack, beside the same transaction written as raw SQL on the same database and
// pool, at 16 and 64 clients, from one run; then vehicle search latency as the
// occupancy table grows from 10³ to 10⁶ bookings.
// Holds go to many vehicles and users on non-overlapping ranges so they succeed
// (we measure the path, not a sold-out car); tables are emptied between phases.
// Prints holds/s, p50/p99 and the HTTP/raw ratio (goal ≥ 30 %), and search p50/p95.
import { pathToFileURL } from 'node:url';
import { createDeps, createLogger, issueSession, loadConfig, searchVehicles, systemClock } from '@fareway/core';
import { newId, tstzRangeLiteral } from '@fareway/db';
import { blockedPeriod, quoteRental } from '@fareway/domain';
import { JobQueue } from '@fareway/jobs';
import { buildServer } from '@fareway/server/app';
import { type Figures, measure, openBenchDatabase, printTable } from './lib';

const HOLDS = Number(process.env.BENCH_HOLDS ?? 3000);
const HOLD_VEHICLES = 500;
const HOLD_USERS = 1000;
const SEARCH_VEHICLES = 2000;
const SEARCH_CITIES = 20;
const SEARCHES = Number(process.env.BENCH_SEARCHES ?? 400);
const SEARCH_SIZES = (process.env.BENCH_SEARCH_SIZES ?? '1000,100000,1000000').split(',').filter(Boolean).map(Number);
const DAY = 86_400_000;

function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** Latency percentiles of `total` operations from `clients` loops (the harness's measure gives p50/p99; search wants p95). */
async function latencies(clients: number, total: number, operation: (i: number) => Promise<void>) {
  const samples: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < total) {
        const i = next++;
        const t0 = performance.now();
        await operation(i);
        samples.push(performance.now() - t0);
      }
    }),
  );
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p95: percentile(samples, 95) };
}

export async function runRentalHolds(): Promise<void> {
  const database = await openBenchDatabase();
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_POOL_MAX: '20', HOLDS_MAX_PER_USER: '100' });
  const deps = createDeps({
    db: database.db,
    config,
    clock: systemClock,
    log: createLogger('silent'),
    jobs: new JobQueue({ connectionString: database.url, role: 'sender' }),
  });
  const app = await buildServer(deps, { serveApps: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const sql = database.sql;
  const terms = config.bookings;

  try {
    // --- Holds: many vehicles, many users, every hold on a free range.
    const owner = newId();
    await sql`insert into users (id, phone, roles, status, created_at, updated_at) values (${owner}, '+94779990001', '{customer,driver}', 'active', now(), now())`;
    const vehicles = Array.from({ length: HOLD_VEHICLES }, () => newId());
    await sql`
      insert into vehicles (id, owner_user_id, make, model, year, type, seats, transmission, fuel, city, time_zone,
                            daily_rate_minor, currency, buffer_minutes, status, created_at, updated_at)
      select id, ${owner}, 'Toyota', 'Aqua', 2020, 'car', 4, 'automatic', 'hybrid', 'Benchpura', 'Asia/Colombo', 950000, 'LKR', 60, 'approved', now(), now()
      from unnest(${sql.array(vehicles)}::uuid[]) as v(id)`;
    const users = Array.from({ length: HOLD_USERS }, () => newId());
    await sql`
      insert into users (id, phone, roles, status, created_at, updated_at)
      select id, '+9476' || (1000000 + n), '{customer}', 'active', now(), now()
      from unnest(${sql.array(users)}::uuid[]) with ordinality as u(id, n)`;
    const tokens: string[] = [];
    for (const id of users) tokens.push((await issueSession(deps.db, id, new Date(), 30, { ip: null, requestId: null })).token);
    const vehicleRows = await sql<
      Array<{ id: string; daily_rate_minor: string; currency: string; time_zone: string; buffer_minutes: number }>
    >`
      select id, daily_rate_minor, currency, time_zone, buffer_minutes from vehicles where owner_user_id = ${owner}`;
    const vehicleById = new Map(vehicleRows.map((v) => [v.id, v]));

    /** Hold i: vehicle i mod V, user i mod U, a one-day range every other day (buffer included, never overlapping). */
    const holdOf = (i: number) => {
      const start = new Date(Math.ceil(Date.now() / DAY) * DAY + (2 + 2 * Math.floor(i / HOLD_VEHICLES)) * DAY);
      return {
        vehicleId: vehicles[i % HOLD_VEHICLES] ?? '',
        userIndex: i % HOLD_USERS,
        start,
        end: new Date(start.getTime() + DAY),
      };
    };
    const reset = async () => {
      await sql`delete from vehicle_occupancies`;
      await sql`delete from bookings`;
    };

    /** createRentalHold's transaction, statement for statement, as raw SQL on the same pool. */
    const rawHold = async (i: number) => {
      const h = holdOf(i);
      const customer = users[h.userIndex] ?? '';
      await sql.begin(async (tx) => {
        const now = new Date();
        const at = now.toISOString();
        await tx`select pg_advisory_xact_lock(hashtextextended(${`holder:${customer}`}, 0))`;
        await tx`select pg_advisory_xact_lock(hashtextextended(${`vehicle:${h.vehicleId}`}, 0))`;
        const [vehicle] =
          await tx`select id, owner_user_id, status, buffer_minutes, daily_rate_minor, currency, time_zone from vehicles where id = ${h.vehicleId} limit 1`;
        if (vehicle?.status !== 'approved') throw new Error('vehicle unavailable');
        const expired = await tx`
          update bookings set status = 'expired', updated_at = ${at} where status = 'pending' and expires_at <= ${at} and vehicle_id = ${h.vehicleId}
          returning id`;
        for (const row of expired)
          await tx`insert into audit_log (id, at, action, subject_type, subject_id, before, after) values (${newId()}, ${at}, 'booking.expired', 'booking', ${row.id}, '{}', '{}')`;
        const [cap] =
          await tx`select count(*)::int as n from bookings where customer_id = ${customer} and status = 'pending' and expires_at > ${at}`;
        if ((cap?.n ?? 0) >= terms.maxLiveHoldsPerUser) throw new Error('cap');
        const v = vehicleById.get(h.vehicleId);
        if (!v) throw new Error('no vehicle');
        const blocked = blockedPeriod(h.start, h.end, v.buffer_minutes);
        const literal = tstzRangeLiteral(blocked.start, blocked.end);
        const clash = await tx`
          select 1 from vehicle_occupancies where vehicle_id = ${h.vehicleId}
            and status in ('pending', 'confirmed', 'active', 'blackout') and blocked_period && ${literal}::tstzrange limit 1`;
        if (clash.length > 0) throw new Error('conflict');
        const quote = quoteRental(
          { dailyRateMinor: Number(v.daily_rate_minor), currency: v.currency, timeZone: v.time_zone },
          { start: h.start, end: h.end },
          { commissionRateBasisPoints: terms.commissionRateBasisPoints, policy: terms.policy },
        );
        const id = newId();
        await tx`
          insert into bookings (id, kind, customer_id, status, vehicle_id, partner_user_id, starts_at, ends_at, currency, total_minor,
                                commission_rate_basis_points, commission_minor, partner_minor, policy, expires_at, created_at, updated_at)
          values (${id}, 'rental', ${customer}, 'pending', ${h.vehicleId}, ${owner}, ${h.start.toISOString()}, ${h.end.toISOString()}, ${quote.currency}, ${quote.totalMinor},
                  ${quote.commissionRateBasisPoints}, ${quote.commissionMinor}, ${quote.partnerMinor}, ${JSON.stringify(quote.policy)}::jsonb,
                  ${new Date(now.getTime() + terms.rentalHoldMinutes * 60_000).toISOString()}, ${at}, ${at})`;
        const line = quote.lines[0];
        await tx`
          insert into booking_lines (id, booking_id, position, kind, description, quantity, unit_minor, amount_minor)
          values (${newId()}, ${id}, 0, ${line?.kind ?? ''}, ${line?.description ?? ''}, ${line?.quantity ?? 0}, ${line?.unitMinor ?? 0}, ${line?.amountMinor ?? 0})`;
        await tx`
          insert into vehicle_occupancies (id, vehicle_id, kind, booking_id, starts_at, ends_at, blocked_period, status, created_by, created_at)
          values (${newId()}, ${h.vehicleId}, 'booking', ${id}, ${h.start.toISOString()}, ${h.end.toISOString()}, ${literal}::tstzrange, 'pending', ${customer}, ${at})`;
        await tx`
          insert into audit_log (id, at, actor_user_id, action, subject_type, subject_id, after)
          values (${newId()}, ${at}, ${customer}, 'booking.held', 'booking', ${id}, ${JSON.stringify({ vehicleId: h.vehicleId, totalMinor: quote.totalMinor })}::jsonb)`;
      });
    };

    const httpHold = async (i: number) => {
      const h = holdOf(i);
      const res = await fetch(`${base}/api/v1/bookings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[h.userIndex]}` },
        body: JSON.stringify({ vehicleId: h.vehicleId, startDate: h.start.toISOString(), endDate: h.end.toISOString() }),
      });
      const text = await res.text();
      if (res.status !== 200) throw new Error(`POST /bookings answered ${res.status}: ${text.slice(0, 200)}`);
    };

    // Warm both paths (JIT, connections, plans).
    await measure('warm-up raw', 8, 300, rawHold);
    await reset();
    await measure('warm-up http', 8, 300, httpHold);
    await reset();

    const rows: Figures[] = [];
    const ratios: string[] = [];
    const only = process.env.BENCH_HOLD_PATH; // 'raw' | 'http' to profile one path alone
    for (const clients of [16, 64]) {
      if (only) {
        await measure(only, clients, HOLDS, only === 'raw' ? rawHold : httpHold);
        await reset();
        continue;
      }
      const raw = await measure('raw SQL hold transaction (in process)', clients, HOLDS, rawHold);
      const [rawCount] = await sql`select count(*)::int as n from bookings`;
      await reset();
      const http = await measure('POST /api/v1/bookings (REST envelope)', clients, HOLDS, httpHold);
      const [httpCount] = await sql`select count(*)::int as n from bookings`;
      await reset();
      if (rawCount?.n !== HOLDS || httpCount?.n !== HOLDS)
        throw new Error(`expected ${HOLDS} holds, got raw ${rawCount?.n}, http ${httpCount?.n}`);
      rows.push(raw, http);
      ratios.push(`  ${clients} clients: HTTP/raw SQL throughput ${(http.perSecond / raw.perSecond).toFixed(2)} (goal ≥ 0.30)`);
    }
    printTable(`bench/rental-holds: holds (${HOLDS} per row, ${HOLD_VEHICLES} vehicles, ${HOLD_USERS} users, pool 20)`, rows);
    console.log('\nratios (same run)');
    for (const line of ratios) console.log(line);

    // --- Search latency as bookings grow: a fixed fleet, more and more rentals per vehicle.
    await sql`delete from vehicles where owner_user_id = ${owner}`;
    await sql`
      insert into vehicles (id, owner_user_id, make, model, year, type, seats, transmission, fuel, city, time_zone,
                            daily_rate_minor, currency, buffer_minutes, status, created_at, updated_at)
      select gen_random_uuid(), ${owner}, 'Toyota', 'Aqua', 2020, 'car', 2 + (g % 6), 'automatic', 'hybrid', 'City ' || (g % ${SEARCH_CITIES}),
             'Asia/Colombo', 500000 + (g % 50) * 10000, 'LKR', 60, 'approved', now(), now()
      from generate_series(1, ${SEARCH_VEHICLES}) g`;
    await sql`
      create table bench_fleet as
      select id, row_number() over (order by id) - 1 as n from vehicles where owner_user_id = ${owner}`;
    const epoch = new Date(Math.ceil(Date.now() / DAY) * DAY + DAY);
    let loaded = 0;
    const searchRows: string[] = [];
    const random = seeded(42);
    for (const size of SEARCH_SIZES) {
      const started = performance.now();
      // Rental k of each vehicle: a day every other day from `epoch` (90 % confirmed, 10 % unexpired holds),
      // staggered by vehicle so a searched range finds some cars busy and some free.
      while (loaded < size) {
        const chunk = Math.min(100_000, size - loaded);
        await sql`
          with b as (
            insert into bookings (id, kind, customer_id, status, vehicle_id, partner_user_id, starts_at, ends_at, currency, total_minor,
                                  commission_rate_basis_points, commission_minor, partner_minor, policy, paid_minor, expires_at, created_at, updated_at)
            select gen_random_uuid(), 'rental', ${users[0] ?? ''}, case when i % 10 = 0 then 'pending' else 'confirmed' end, f.id, ${owner},
                   ${epoch.toISOString()}::timestamptz + ((i / ${SEARCH_VEHICLES}) * 2 + (f.n % 2)) * interval '1 day',
                   ${epoch.toISOString()}::timestamptz + ((i / ${SEARCH_VEHICLES}) * 2 + (f.n % 2) + 1) * interval '1 day',
                   'LKR', 950000, 1000, 95000, 855000, '{}'::jsonb, case when i % 10 = 0 then 0 else 950000 end,
                   now() + interval '1 day', now(), now()
            from generate_series(${loaded}::bigint, ${loaded + chunk - 1}::bigint) i
            join bench_fleet f on f.n = i % ${SEARCH_VEHICLES}
            returning id, vehicle_id, starts_at, ends_at, status)
          insert into vehicle_occupancies (id, vehicle_id, kind, booking_id, starts_at, ends_at, blocked_period, status, created_at)
          select gen_random_uuid(), vehicle_id, 'booking', id, starts_at, ends_at, tstzrange(starts_at, ends_at + interval '60 minutes', '[)'), status, now()
          from b`;
        loaded += chunk;
      }
      await sql`analyze bookings`;
      await sql`analyze vehicle_occupancies`;
      await sql`analyze vehicles`;
      const loadSeconds = ((performance.now() - started) / 1000).toFixed(1);
      const queries = Array.from({ length: SEARCHES }, () => {
        const start = new Date(epoch.getTime() + Math.floor(random() * 60 * 24) * 3_600_000);
        return {
          city: `city ${Math.floor(random() * SEARCH_CITIES)}`,
          start,
          end: new Date(start.getTime() + (1 + Math.floor(random() * 72)) * 3_600_000),
        };
      });
      let found = 0;
      const inProcess = await latencies(4, SEARCHES, async (i) => {
        const q = queries[i];
        if (!q) return;
        const page = await searchVehicles(deps, { location: q.city, start: q.start, end: q.end, page: 1, limit: 20 });
        found += page.meta.total;
      });
      const overHttp = await latencies(4, SEARCHES, async (i) => {
        const q = queries[i];
        if (!q) return;
        const url = `${base}/api/v1/vehicles?location=${encodeURIComponent(q.city)}&startDate=${q.start.toISOString()}&endDate=${q.end.toISOString()}`;
        const res = await fetch(url);
        if (res.status !== 200) throw new Error(`GET /vehicles answered ${res.status}`);
        await res.arrayBuffer();
      });
      searchRows.push(
        `  ${String(size).padStart(9)} ${inProcess.p50.toFixed(2).padStart(9)} ${inProcess.p95.toFixed(2).padStart(9)} ${overHttp.p50.toFixed(2).padStart(9)} ${overHttp.p95.toFixed(2).padStart(9)} ${(found / SEARCHES).toFixed(1).padStart(9)} ${loadSeconds.padStart(8)}`,
      );
    }
    console.log(
      `\nbench/rental-holds: search (${SEARCH_VEHICLES} vehicles in ${SEARCH_CITIES} cities, ${SEARCHES} searches per size, 4 clients, 20 per page)`,
    );
    console.log('   bookings  core p50  core p95  HTTP p50  HTTP p95  free/city  load s');
    for (const line of searchRows) console.log(line);
  } finally {
    await app.close();
    await database.stop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.env.TZ = 'UTC';
  await runRentalHolds();
  process.exit(0);
}
