// bench/expire-holds: the `expire-holds` sweep (set-based: one UPDATE of a
// chunk of holds, the status trigger freeing their inventory rows in one
// statement, one multi-row INSERT of their audit rows and one of their notices,
// per transaction, two transactions at a time) over BENCH_EXPIRE_HOLDS
// (default 10⁵) due holds on 1 000 vehicles; then the cost of a scheduled run
// when nothing is due (the every-minute case), and its plan. Prints holds
// expired per second (goal ≥ 10 000/s) and the empty run's p50/p95 in ms.
import { pathToFileURL } from 'node:url';
import { createDeps, createLogger, loadConfig, sweepExpiredHolds, systemClock } from '@fareway/core';
import { JobQueue } from '@fareway/jobs';
import { openBenchDatabase, seedRentalHolds } from './lib';

const HOLDS = Number(process.env.BENCH_EXPIRE_HOLDS ?? 100_000);
const VEHICLES = 1_000;
const EMPTY_RUNS = 200;

export async function runExpireHolds(): Promise<void> {
  const database = await openBenchDatabase();
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

    const started = performance.now();
    const { expired } = await sweepExpiredHolds(deps);
    const seconds = (performance.now() - started) / 1000;
    const [freed] = await sql<{ n: number }[]>`select count(*)::int as n from vehicle_occupancies where status = 'expired'`;
    const [audited] = await sql<{ n: number }[]>`select count(*)::int as n from audit_log where action = 'booking.expired'`;
    const [noticed] = await sql<{ n: number }[]>`select count(*)::int as n from notifications where kind = 'booking.hold_expired'`;
    console.log(`  expired ${expired} holds in ${seconds.toFixed(2)} s: ${(expired / seconds).toFixed(0)} holds/s (goal ≥ 10 000/s)`);
    console.log(
      `  inventory rows freed ${freed?.n}, audit rows ${audited?.n}, notices ${noticed?.n} (each equal to the holds: nothing twice, nothing missed)`,
    );

    // What autovacuum does after a sweep that large: the planner learns the pending holds are gone.
    await sql`analyze bookings`;
    const runs: number[] = [];
    for (let i = 0; i < EMPTY_RUNS; i++) {
      const t0 = performance.now();
      await sweepExpiredHolds(deps);
      runs.push(performance.now() - t0);
    }
    runs.sort((a, b) => a - b);
    const at = (p: number) => runs[Math.min(runs.length - 1, Math.floor((p / 100) * runs.length))] ?? 0;
    console.log(
      `  a scheduled run with nothing due (${EMPTY_RUNS} runs, ${expired} expired rows in the table): p50 ${at(50).toFixed(2)} ms, p95 ${at(95).toFixed(2)} ms`,
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

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.env.TZ = 'UTC';
  await runExpireHolds();
  process.exit(0);
}
