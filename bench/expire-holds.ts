// bench/expire-holds: the `expire-holds` sweep (set-based: one UPDATE of a
// chunk of holds, the status trigger freeing their inventory rows in one
// statement, one multi-row INSERT of their audit rows and one of their notices,
// per transaction, two transactions at a time) over BENCH_EXPIRE_HOLDS
// (default 10⁵) due holds on 1 000 vehicles; then the cost of a scheduled run
// when nothing is due (the every-minute case), and its plan. Prints holds
// expired per second (goal ≥ 10 000/s) and the empty run's p50/p95 in ms.
// BENCH_STATEMENTS=1: Postgres loads pg_stat_statements, and the sweep is also
// priced in server ms per hold, whole and per statement (triggers included) —
// the figure that holds on a loaded machine, where holds/s does not.
// BENCH_EXPIRE_CHUNK / BENCH_EXPIRE_PARALLEL override the sweep's chunk and parallelism.
import { pathToFileURL } from 'node:url';
import { createDeps, createLogger, loadConfig, sweepExpiredHolds, systemClock } from '@fareway/core';
import { JobQueue } from '@fareway/jobs';
import { type BenchDatabase, openBenchDatabase, postgresCpu, seedRentalHolds } from './lib';

const HOLDS = Number(process.env.BENCH_EXPIRE_HOLDS ?? 100_000);
const VEHICLES = 1_000;
const EMPTY_RUNS = 200;
const STATEMENTS = process.env.BENCH_STATEMENTS === '1';
/** The sweep's knobs, to re-tune them: holds per transaction and transactions at once (unset: its defaults). */
const KNOBS = {
  ...(process.env.BENCH_EXPIRE_CHUNK ? { chunk: Number(process.env.BENCH_EXPIRE_CHUNK) } : {}),
  ...(process.env.BENCH_EXPIRE_PARALLEL ? { parallel: Number(process.env.BENCH_EXPIRE_PARALLEL) } : {}),
};

export async function runExpireHolds(): Promise<void> {
  const database = await openBenchDatabase({ statements: STATEMENTS });
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
  const jobs = new JobQueue({ connectionString: database.url, role: 'sender' });
  const deps = createDeps({ db: database.db, config, clock: systemClock, log: createLogger('silent'), jobs });
  const sql = database.sql;
  try {
    const loaded = performance.now();
    await seedRentalHolds(sql, { holds: HOLDS, vehicles: VEHICLES, expiresAt: "now() - interval '1 hour'" });
    await sql`analyze bookings`;
    await sql`analyze vehicle_occupancies`;
    const [due] = await sql<{ n: number }[]>`select count(*)::int as n from bookings where status = 'pending' and expires_at <= now()`;
    console.log(
      `\nexpire-holds (${due?.n} due holds on ${VEHICLES} vehicles, loaded in ${((performance.now() - loaded) / 1000).toFixed(1)} s)`,
    );

    if (STATEMENTS) await sql`select pg_stat_statements_reset()`;
    const serverCpu = await postgresCpu(sql);
    const cpu = process.cpuUsage();
    const started = performance.now();
    const { expired } = await sweepExpiredHolds(deps, KNOBS);
    const seconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    const serverMs = serverCpu?.() ?? Number.NaN;
    const [freed] = await sql<{ n: number }[]>`select count(*)::int as n from vehicle_occupancies where status = 'expired'`;
    const [audited] = await sql<{ n: number }[]>`select count(*)::int as n from audit_log where action = 'booking.expired'`;
    const [noticed] = await sql<{ n: number }[]>`select count(*)::int as n from notifications where kind = 'booking.hold_expired'`;
    console.log(`  expired ${expired} holds in ${seconds.toFixed(2)} s: ${(expired / seconds).toFixed(0)} holds/s (goal ≥ 10 000/s)`);
    // CPU per hold is what a loaded machine does not distort: it compares runs where holds/s cannot.
    console.log(
      `  CPU per hold: Postgres ${(serverMs / expired).toFixed(4)} ms, this process ${((used.user + used.system) / 1000 / expired).toFixed(4)} ms`,
    );
    if (STATEMENTS) await printStatements(sql, expired);
    console.log(
      `  inventory rows freed ${freed?.n}, audit rows ${audited?.n}, notices ${noticed?.n} (each equal to the holds: nothing twice, nothing missed)`,
    );

    // What autovacuum does after a sweep that large: the planner learns the pending holds are gone.
    await sql`analyze bookings`;
    const runs: number[] = [];
    const emptyCpu = await postgresCpu(sql);
    const emptyNode = process.cpuUsage();
    for (let i = 0; i < EMPTY_RUNS; i++) {
      const t0 = performance.now();
      await sweepExpiredHolds(deps);
      runs.push(performance.now() - t0);
    }
    const emptyServerMs = (emptyCpu?.() ?? Number.NaN) / EMPTY_RUNS;
    const emptyUsed = process.cpuUsage(emptyNode);
    runs.sort((a, b) => a - b);
    const at = (p: number) => runs[Math.min(runs.length - 1, Math.floor((p / 100) * runs.length))] ?? 0;
    console.log(
      `  a scheduled run with nothing due (${EMPTY_RUNS} runs, ${expired} expired rows in the table): p50 ${at(50).toFixed(2)} ms, p95 ${at(95).toFixed(2)} ms; CPU per run: Postgres ${emptyServerMs.toFixed(2)} ms, this process ${((emptyUsed.user + emptyUsed.system) / 1000 / EMPTY_RUNS).toFixed(2)} ms`,
    );
    const plan = await sql.unsafe(
      `explain select id from bookings where status = 'pending' and expires_at <= now() limit 5000 for update skip locked`,
    );
    console.log(
      `  its plan: ${plan
        .map((r) => Object.values(r)[0])
        .join(' / ')
        .replace(/\s+/g, ' ')}`,
    );
  } finally {
    await database.stop();
  }
}

/** Server time per hold from pg_stat_statements: top-level statements (round trips) and, indented, what runs inside them. */
async function printStatements(sql: BenchDatabase['sql'], holds: number): Promise<void> {
  const rows = await sql<{ calls: number; ms: number; toplevel: boolean; query: string }[]>`
    select calls::int as calls, total_exec_time::float8 as ms, toplevel, query from pg_stat_statements
    where query not ilike '%pg_stat_statements%' order by total_exec_time desc`;
  const total = rows.reduce((n, r) => n + (r.toplevel ? r.ms : 0), 0);
  const trips = rows.reduce((n, r) => n + (r.toplevel ? r.calls : 0), 0);
  console.log(`  pg_stat_statements: ${(total / holds).toFixed(4)} ms per hold in ${trips} round trips; by statement:`);
  for (const r of rows.slice(0, 12)) {
    const query = r.query.replace(/\s+/g, ' ').slice(0, 110);
    console.log(`  ${r.toplevel ? '' : '  '}${(r.ms / holds).toFixed(4)} ms/hold ${String(r.calls).padStart(5)}× ${query}`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.env.TZ = 'UTC';
  await runExpireHolds();
  process.exit(0);
}
