// bench/profile-holds: where a rental hold's time goes (issue 16). The server runs in this
// process as in bench/rental-holds; BENCH_PROFILE_HOLDS holds (default 4000) at 16 clients
// over REST, then tRPC, beside the anchor, each priced per hold: this process's CPU ms
// (server + load generator; the anchor's row prices the generator and a bare Fastify),
// statements sent to Postgres and their execution ms (pg_stat_statements), socket writes (system
// calls) to Postgres and on HTTP (server and load generator sides), and the top
// statements of the REST row (top-level and nested). For the functions behind the CPU ms,
// BENCH_PROFILE_OUT=/tmp/rest.cpuprofile records a V8 CPU profile of the REST row alone (and
// BENCH_PROFILE_TRPC_OUT one of the tRPC row):
//   cd bench && BENCH_PROFILE_OUT=/tmp/rest.cpuprofile npx tsx profile-holds.ts
//   npx tsx cpu-profile-summary.ts /tmp/rest.cpuprofile
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { startAnchor } from './anchor';
import { holdFixture, startHoldServer } from './hold-fixture';
import { analyzeAfterWarmUp, measure, openBenchDatabase } from './lib';
import { allocations, priced, printStatements, profiled } from './price-operations';
import { countSocketWrites, formatWrites } from './socket-writes';

const HOLDS = Number(process.env.BENCH_PROFILE_HOLDS ?? 4000);
const CLIENTS = 16;
const VEHICLES = 500;
const PROFILE_OUT = process.env.BENCH_PROFILE_OUT;
const PROFILE_TRPC_OUT = process.env.BENCH_PROFILE_TRPC_OUT;
/**
 * A perf control FIFO (perf record -D -1 --control fifo:PATH): recording is enabled for the REST row only.
 * perf's cpu-clock counts CPU time, where the V8 profile samples wall time (a write that wakes Postgres and
 * loses the CPU to it shows there as time in writeBuffer). See README "Profiling a hold with perf".
 */
const PERF_CONTROL = process.env.BENCH_PERF_CONTROL;
/** A sampled allocation profile of the REST row (.heapprofile, Chrome DevTools' Memory tab; heap-profile-summary.ts). */
const ALLOC_OUT = process.env.BENCH_ALLOC_OUT;

/** Runs `work` with perf recording enabled through PERF_CONTROL (a no-op without it). */
async function perfRecorded<T>(work: () => Promise<T>): Promise<T> {
  if (!PERF_CONTROL) return work();
  writeFileSync(PERF_CONTROL, 'enable\n');
  try {
    return await work();
  } finally {
    writeFileSync(PERF_CONTROL, 'disable\n');
  }
}

export async function runProfileHolds(): Promise<void> {
  const database = await openBenchDatabase({ statements: true });
  const server = await startHoldServer(database);
  const anchor = await startAnchor(database);
  const fixture = await holdFixture(database, server, { vehicles: VEHICLES, users: 1000 });
  const writes = countSocketWrites(Number(new URL(database.url).port));
  /** priced(), then this row's socket writes per hold. */
  const pricedWithWrites: typeof priced = async (db, label, work) => {
    writes.reset();
    const cache = server.deps.sessions;
    const [hits, misses] = [cache?.hits ?? 0, cache?.misses ?? 0];
    const rows = await priced(db, label, work);
    console.log(
      `    socket writes per hold: ${formatWrites(writes.counts(), HOLDS)}; session cache ${(cache?.hits ?? 0) - hits} hits, ${(cache?.misses ?? 0) - misses} misses`,
    );
    return rows;
  };

  try {
    await anchor.run(8, 300);
    await measure('warm-up REST', 8, 400, fixture.restHold);
    await fixture.reset();
    await measure('warm-up tRPC', 8, 400, fixture.trpcHold);
    await analyzeAfterWarmUp(database);
    await fixture.reset();

    console.log(`\nbench/profile-holds: ${HOLDS} holds per row, ${CLIENTS} clients`);
    await pricedWithWrites(database, 'anchor (thin Fastify + postgres.js)', () => anchor.run(CLIENTS, HOLDS));
    const rest = await pricedWithWrites(database, 'POST /api/v1/bookings', () =>
      allocations(ALLOC_OUT, () => profiled(PROFILE_OUT, () => perfRecorded(() => measure('REST', CLIENTS, HOLDS, fixture.restHold)))),
    );
    await fixture.reset();
    await pricedWithWrites(database, 'POST /trpc/bookings.create', () =>
      profiled(PROFILE_TRPC_OUT, () => measure('tRPC', CLIENTS, HOLDS, fixture.trpcHold)),
    );
    await fixture.reset();

    printStatements('REST hold statements', rest, HOLDS);
  } finally {
    writes.stop();
    await server.app.close();
    await anchor.close();
    await database.stop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.env.TZ = 'UTC';
  await runProfileHolds();
  process.exit(0);
}
