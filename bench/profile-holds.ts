// bench/profile-holds: where a rental hold's time goes (issue 16). The server runs in this
// process as in bench/rental-holds; BENCH_PROFILE_HOLDS holds (default 4000) at 16 clients
// over REST, then tRPC, beside the anchor, each priced per hold: this process's CPU ms
// (server + load generator; the anchor's row prices the generator and a bare Fastify),
// statements sent to Postgres and their execution ms (pg_stat_statements), and the top
// statements of the REST row (top-level and nested). For the functions behind the CPU ms,
// BENCH_PROFILE_OUT=/tmp/rest.cpuprofile records a V8 CPU profile of the REST row alone (and
// BENCH_PROFILE_TRPC_OUT one of the tRPC row):
//   cd bench && BENCH_PROFILE_OUT=/tmp/rest.cpuprofile npx tsx profile-holds.ts
//   npx tsx cpu-profile-summary.ts /tmp/rest.cpuprofile
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { pathToFileURL } from 'node:url';
import { startAnchor } from './anchor';
import { holdFixture, startHoldServer } from './hold-fixture';
import { type Figures, measure, openBenchDatabase } from './lib';

const HOLDS = Number(process.env.BENCH_PROFILE_HOLDS ?? 4000);
const CLIENTS = 16;
const VEHICLES = 500;
const PROFILE_OUT = process.env.BENCH_PROFILE_OUT;
const PROFILE_TRPC_OUT = process.env.BENCH_PROFILE_TRPC_OUT;

/** Runs `work` under the V8 sampling profiler when `out` names a file, and writes the profile there. */
async function profiled<T>(out: string | undefined, work: () => Promise<T>): Promise<T> {
  if (!out) return work();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  try {
    return await work();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    await writeFile(out, JSON.stringify(profile));
    session.disconnect();
  }
}

interface Statement {
  calls: number;
  ms: number;
  query: string;
  toplevel: boolean;
}

export async function runProfileHolds(): Promise<void> {
  const database = await openBenchDatabase({ statements: true });
  const server = await startHoldServer(database);
  const anchor = await startAnchor(database);
  const { sql } = database;
  const fixture = await holdFixture(database, server, { vehicles: VEHICLES, users: 1000 });

  let last: Statement[] = [];
  /** Figures of `work` with Postgres's side from pg_stat_statements (top-level statements are round trips). */
  const priced = async (label: string, work: () => Promise<Figures>) => {
    await sql`select pg_stat_statements_reset()`;
    const figures = await work();
    const rows = await sql<Statement[]>`
      select calls::int as calls, total_exec_time::float8 as ms, query, toplevel from pg_stat_statements
      where query not ilike '%pg_stat_statements%' order by total_exec_time desc`;
    const top = rows.filter((r) => r.toplevel);
    last = rows;
    const perOp = (n: number) => (n / figures.operations).toFixed(2);
    console.log(
      `  ${label.padEnd(34)} ${figures.perSecond.toFixed(0).padStart(6)}/s  p99 ${figures.p99Ms.toFixed(1).padStart(7)} ms  cpu ${figures.cpuMs.toFixed(2)} ms/op  ` +
        `statements ${perOp(top.reduce((n, r) => n + r.calls, 0))}/op (+${perOp(rows.reduce((n, r) => n + (r.toplevel ? 0 : r.calls), 0))} nested)  ` +
        `Postgres ${perOp(top.reduce((n, r) => n + r.ms, 0))} ms/op`,
    );
    return top;
  };

  try {
    await anchor.run(8, 300);
    await measure('warm-up REST', 8, 400, fixture.restHold);
    await fixture.reset();
    await measure('warm-up tRPC', 8, 400, fixture.trpcHold);
    await fixture.reset();

    console.log(`\nbench/profile-holds: ${HOLDS} holds per row, ${CLIENTS} clients`);
    await priced('anchor (thin Fastify + postgres.js)', () => anchor.run(CLIENTS, HOLDS));
    await priced('POST /api/v1/bookings', () => profiled(PROFILE_OUT, () => measure('REST', CLIENTS, HOLDS, fixture.restHold)));
    const rest = last;
    await fixture.reset();
    await priced('POST /trpc/bookings.create', () => profiled(PROFILE_TRPC_OUT, () => measure('tRPC', CLIENTS, HOLDS, fixture.trpcHold)));
    await fixture.reset();

    console.log('\n  REST hold statements (calls per hold, Postgres ms per hold; nested: run inside another)');
    for (const row of rest.slice(0, 24))
      console.log(
        `  ${(row.calls / HOLDS).toFixed(2).padStart(6)} ${(row.ms / HOLDS).toFixed(3).padStart(7)} ${row.toplevel ? '      ' : 'nested'}  ${row.query.replace(/\s+/g, ' ').slice(0, 140)}`,
      );
  } finally {
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
