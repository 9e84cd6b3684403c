// bench/rental-holds: rental holds (POST /api/v1/bookings) through the whole HTTP
// stack, beside the same transaction written as raw SQL on the same database and
// pool, at 16 and 64 clients, from one run; then vehicle search latency as the
// occupancy table grows from 10³ to 10⁶ bookings.
// Holds go to many vehicles and users on non-overlapping ranges so they succeed
// (we measure the path, not a sold-out car); tables are emptied between phases.
// Prints holds/s, p50/p99 and the HTTP/raw ratio (goal ≥ 30 %), and search p50/p95.
import { pathToFileURL } from 'node:url';
import { searchVehicles } from '@fareway/core';
import { type Anchor, printVersusAnchor, startAnchor } from './anchor';
import { holdFixture, startHoldServer } from './hold-fixture';
import { analyzeAfterWarmUp, measure, openBenchDatabase } from './lib';
import { formatLoop, watchLoop } from './loop-watch';

const HOLDS = Number(process.env.BENCH_HOLDS ?? 3000);
const HOLD_VEHICLES = 500;
const HOLD_USERS = 1000;
const CONTENDED = Number(process.env.BENCH_CONTENDED_CLIENTS ?? 500);
const CONTENDED_REQUESTS = Number(process.env.BENCH_CONTENDED_REQUESTS ?? 2000);
const SLOTS = 40;
/** Issue 16's memory check: this many REST holds in rounds of 10⁴, the process RSS after each (0: skipped, it takes a while). */
const RSS_HOLDS = Number(process.env.BENCH_RSS_HOLDS ?? 0);
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

interface ContentionParts {
  clients: number;
  anchor: Anchor;
  post: (path: string, token: string | undefined, body: string, ok?: number) => Promise<number>;
  tokens: string[];
  vehicles: string[];
  users: string[];
  sql: import('postgres').Sql;
  holdBody: (i: number) => string;
  holdUrl: string;
  reset: () => Promise<void>;
}

/**
 * `clients` loops race for SLOTS one-day slots of ONE vehicle (random slot per request): exactly one
 * winner per slot, every other answer a fast 409. Beside it, the same clients on free vehicles.
 */
async function runContention(p: ContentionParts): Promise<void> {
  const target = p.vehicles[0] ?? '';
  const origin = Math.ceil(Date.now() / DAY) * DAY + 3 * DAY;
  const random = seeded(7);
  const plan = Array.from({ length: CONTENDED_REQUESTS }, () => Math.floor(random() * SLOTS));
  const loserLatencies: number[] = [];
  let winners = 0;
  let others = 0;
  const contended = await measure(`${p.clients} clients, one vehicle, ${SLOTS} slots`, p.clients, CONTENDED_REQUESTS, async (i) => {
    const start = new Date(origin + 2 * (plan[i] ?? 0) * DAY);
    const body = JSON.stringify({
      vehicleId: target,
      startDate: start.toISOString(),
      endDate: new Date(start.getTime() + DAY).toISOString(),
    });
    const t0 = performance.now();
    const res = await fetch(`${p.holdUrl}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${p.tokens[i % p.tokens.length]}` },
      body,
    });
    await res.arrayBuffer();
    if (res.status === 200) winners += 1;
    else if (res.status === 409) loserLatencies.push(performance.now() - t0);
    else others += 1;
  });
  const [slots] = await p.sql<Array<{ slots: number; max: number; total: number }>>`
    select count(*)::int as slots, coalesce(max(n), 0)::int as max, coalesce(sum(n), 0)::int as total
    from (select starts_at, count(*) as n from bookings where vehicle_id = ${target} and status = 'pending' group by starts_at) s`;
  await p.reset();
  const free = await measure(`${p.clients} clients, free vehicles`, p.clients, CONTENDED_REQUESTS, (i) =>
    p.post('/api/v1/bookings', p.tokens[i % p.tokens.length], p.holdBody(i)).then(() => {}),
  );
  await p.reset();
  loserLatencies.sort((a, b) => a - b);
  console.log(`\nbench/rental-holds: many on one (${CONTENDED_REQUESTS} POST /api/v1/bookings from ${p.clients} clients)`);
  console.log('  scenario                                  clients      ops/s    p50 ms    p99 ms');
  for (const r of [contended, free])
    console.log(
      `  ${r.label.padEnd(40)} ${String(r.clients).padStart(7)} ${r.perSecond.toFixed(0).padStart(10)} ${r.p50Ms.toFixed(2).padStart(9)} ${r.p99Ms.toFixed(2).padStart(9)}`,
    );
  const ratio = contended.perSecond / free.perSecond;
  console.log(
    `  contended/free throughput ${ratio.toFixed(2)} (goal ≥ 0.50 ${ratio >= 0.5 ? 'met' : 'MISSED'}); losers ${loserLatencies.length}, loser p50 ${percentile(loserLatencies, 50).toFixed(1)} ms, p99 ${percentile(loserLatencies, 99).toFixed(1)} ms; other answers ${others}`,
  );
  const exact = slots?.max === 1 && slots.total === winners && slots.slots === new Set(plan).size;
  console.log(
    `  winners ${winners}, slots taken ${slots?.slots} of ${new Set(plan).size} asked, most holds on one slot ${slots?.max} (${exact ? 'exactly one winner per slot' : 'INVARIANT BROKEN'})`,
  );
}

export async function runRentalHolds(): Promise<void> {
  const database = await openBenchDatabase();
  const server = await startHoldServer(database);
  const { deps, app, base } = server;
  const sql = database.sql;
  const anchor = await startAnchor(database);

  try {
    // --- Holds: many vehicles, many users, every hold on a free range.
    const { owner, vehicles, users, tokens, holdBody, post, restHold, trpcHold, reset } = await holdFixture(database, server, {
      vehicles: HOLD_VEHICLES,
      users: HOLD_USERS,
    });
    const tokenOf = new Map(users.map((id, n) => [id, tokens[n] ?? '']));
    const heldBookings = async () =>
      (
        await sql<Array<{ id: string; customer_id: string }>>`select id, customer_id from bookings where status = 'pending' order by id`
      ).map((b) => ({ id: b.id, token: tokenOf.get(b.customer_id) }));
    const count = async () => (await sql<Array<{ n: number }>>`select count(*)::int as n from bookings`)[0]?.n ?? 0;

    // Warm every path (JIT, connections, plans).
    await anchor.run(8, 300);
    await measure('warm-up REST', 8, 300, restHold);
    await reset();
    await measure('warm-up tRPC', 8, 300, trpcHold);
    {
      const warm = await heldBookings();
      await measure('warm-up initiate', 8, warm.length, (i) =>
        post('/api/v1/payments/initiate', warm[i]?.token, JSON.stringify({ bookingId: warm[i]?.id, provider: 'sandbox' })).then(() => {}),
      );
    }
    await analyzeAfterWarmUp(database);
    await reset();

    const rows: Parameters<typeof printVersusAnchor>[1] = [];
    const ratios: string[] = [];
    const loops: string[] = [];
    for (const clients of [16, 64]) {
      const watchedAnchor = await watchLoop(() => anchor.run(clients, HOLDS));
      const a = watchedAnchor.result;
      const watchedRest = await watchLoop(() => measure('POST /api/v1/bookings (REST)', clients, HOLDS, restHold));
      const rest = watchedRest.result;
      const restCount = await count();
      const held = await heldBookings();
      const initiate = await measure('POST /api/v1/payments/initiate', clients, held.length, (i) =>
        post('/api/v1/payments/initiate', held[i]?.token, JSON.stringify({ bookingId: held[i]?.id, provider: 'sandbox' })).then(() => {}),
      );
      await reset();
      const watchedTrpc = await watchLoop(() => measure('POST /trpc/bookings.create (tRPC)', clients, HOLDS, trpcHold));
      const trpc = watchedTrpc.result;
      const trpcCount = await count();
      await reset();
      if (restCount !== HOLDS || trpcCount !== HOLDS) throw new Error(`expected ${HOLDS} holds, got REST ${restCount}, tRPC ${trpcCount}`);
      rows.push(
        { figures: rest, anchor: a, goal: { throughput: 0.5, p99: 2 } },
        { figures: trpc, anchor: a, goal: { throughput: 0.45 } },
        { figures: initiate, anchor: a },
      );
      ratios.push(`  ${clients} clients: tRPC/REST hold throughput ${(trpc.perSecond / rest.perSecond).toFixed(2)} (goal ≥ 0.90)`);
      for (const [label, watched] of [
        [`anchor @${clients}`, watchedAnchor],
        [`REST hold @${clients}`, watchedRest],
        [`tRPC hold @${clients}`, watchedTrpc],
      ] as const)
        loops.push(formatLoop(label, HOLDS, watched.loop));
    }
    printVersusAnchor(`bench/rental-holds: holds (${HOLDS} per row, ${HOLD_VEHICLES} vehicles, ${HOLD_USERS} users, pool 20)`, rows);
    console.log('\nratios (same run)');
    for (const line of ratios) console.log(line);
    console.log('\nevent loop and GC while each row ran (server and load generator share this process)');
    for (const line of loops) console.log(line);

    if (RSS_HOLDS > 0) {
      // Server and load generator share this process, so this RSS bounds the server's from above.
      const rounds = Math.ceil(RSS_HOLDS / 10_000);
      const mib = () => (process.memoryUsage().rss / 2 ** 20).toFixed(0);
      const samples = [`start ${mib()} MiB`];
      for (let round = 1; round <= rounds; round += 1) {
        await measure('RSS round', 16, 10_000, restHold);
        await reset();
        samples.push(`${round * 10_000}: ${mib()} MiB`);
      }
      console.log(`\nbench/rental-holds: process RSS over ${rounds * 10_000} REST holds (16 clients)\n  ${samples.join(', ')}`);
    }

    // --- Many on one: CONTENDED clients race for SLOTS days of ONE vehicle; the same clients on free vehicles for comparison.
    await runContention({
      clients: CONTENDED,
      anchor,
      post,
      tokens,
      vehicles,
      users,
      sql,
      holdBody,
      reset,
      holdUrl: `${base}/api/v1/bookings`,
    });

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
    await anchor.close();
    await database.stop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.env.TZ = 'UTC';
  await runRentalHolds();
  process.exit(0);
}
