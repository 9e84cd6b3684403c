// What one operation costs, beside its throughput: this process's CPU ms, the statements it sent
// to Postgres (top-level ones are round trips; nested ones run inside them: triggers, foreign-key
// checks, functions) and their execution ms, from pg_stat_statements on a bench database opened
// with `statements: true`; and, on request, a V8 CPU profile of the work for cpu-profile-summary.ts
// or a sampled allocation profile for heap-profile-summary.ts.
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import type { BenchDatabase, Figures } from './lib';

export interface Statement {
  calls: number;
  ms: number;
  query: string;
  toplevel: boolean;
}

/** Runs `work` between `start` and `stop` on an inspector session when `file` is set, and writes what `stop` returns there. */
async function inspected<T>(
  file: string | undefined,
  start: (session: Session) => Promise<void>,
  stop: (session: Session) => Promise<{ profile: unknown }>,
  work: () => Promise<T>,
): Promise<T> {
  if (!file) return work();
  const session = new Session();
  session.connect();
  await start(session);
  try {
    return await work();
  } finally {
    const { profile } = await stop(session);
    await writeFile(file, JSON.stringify(profile));
    session.disconnect();
  }
}

/** Runs `work` under the V8 sampling profiler when `file` is set, and writes the profile there. */
export function profiled<T>(file: string | undefined, work: () => Promise<T>): Promise<T> {
  return inspected(
    file,
    async (session) => {
      await session.post('Profiler.enable');
      await session.post('Profiler.setSamplingInterval', { interval: 200 });
      await session.post('Profiler.start');
    },
    (session) => session.post('Profiler.stop'),
    work,
  );
}

/** Runs `work` under V8's sampling heap profiler when `file` is set (what was allocated where, kept or not), and writes it there. */
export function allocations<T>(file: string | undefined, work: () => Promise<T>): Promise<T> {
  return inspected(
    file,
    async (session) => {
      await session.post('HeapProfiler.enable');
      // Objects collected by a minor GC are kept in the profile: garbage is what costs GC time.
      await session.post('HeapProfiler.startSampling', {
        samplingInterval: 16_384,
        includeObjectsCollectedByMinorGC: true,
        includeObjectsCollectedByMajorGC: true,
      });
    },
    (session) => session.post('HeapProfiler.stopSampling'),
    work,
  );
}

/**
 * Measures `work` (its figures) with Postgres's side per operation, prints one line, and returns the
 * statements it ran (most execution time first; top-level and nested).
 */
export async function priced(database: BenchDatabase, label: string, work: () => Promise<Figures>): Promise<Statement[]> {
  const { sql } = database;
  await sql`select pg_stat_statements_reset()`;
  const waits = sampleWaits(database);
  const figures = await work().finally(waits.stop);
  const rows = await sql<Statement[]>`
    select calls::int as calls, total_exec_time::float8 as ms, query, toplevel from pg_stat_statements
    where query not ilike '%pg_stat_statements%' order by total_exec_time desc`;
  const top = rows.filter((r) => r.toplevel);
  const perOp = (n: number) => (n / figures.operations).toFixed(2);
  console.log(
    `  ${label.padEnd(38)} ${figures.perSecond.toFixed(0).padStart(6)}/s  p99 ${figures.p99Ms.toFixed(1).padStart(7)} ms  cpu ${figures.cpuMs.toFixed(2)} ms/op  ` +
      `statements ${perOp(top.reduce((n, r) => n + r.calls, 0))}/op (+${perOp(rows.reduce((n, r) => n + (r.toplevel ? 0 : r.calls), 0))} nested)  ` +
      `Postgres ${perOp(top.reduce((n, r) => n + r.ms, 0))} ms/op`,
  );
  console.log(`    ${waits.summary()}`);
  return rows;
}

/**
 * What the other sessions' active backends wait on, sampled every 20 ms until stopped (CPU: running, not
 * waiting): lock, LWLock and I/O waits show contention the statements' times only hint at.
 */
function sampleWaits(database: BenchDatabase): { stop(): Promise<void>; summary(): string } {
  const counts = new Map<string, number>();
  let samples = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const rows = await database.sql<Array<{ wait: string; n: number }>>`
        select coalesce(wait_event_type || ':' || wait_event, 'CPU') as wait, count(*)::int as n from pg_stat_activity
        where state = 'active' and pid <> pg_backend_pid() and backend_type = 'client backend' group by 1`;
      samples += 1;
      for (const row of rows) counts.set(row.wait, (counts.get(row.wait) ?? 0) + row.n);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  return {
    stop() {
      running = false;
      return loop;
    },
    summary() {
      const top = [...counts].sort((a, b) => b[1] - a[1]).slice(0, 6);
      return `active backends by wait (mean of ${samples} samples): ${top.map(([wait, n]) => `${wait} ${(n / Math.max(1, samples)).toFixed(2)}`).join(', ')}`;
    },
  };
}

/** The first `limit` statements of a priced run, per operation (nested: run inside another statement). */
export function printStatements(title: string, rows: Statement[], operations: number, limit = 24): void {
  console.log(`\n  ${title} (calls per operation, Postgres ms per operation; nested: run inside another)`);
  for (const row of rows.slice(0, limit))
    console.log(
      `  ${(row.calls / operations).toFixed(2).padStart(6)} ${(row.ms / operations).toFixed(3).padStart(7)} ${row.toplevel ? '      ' : 'nested'}  ${row.query.replace(/\s+/g, ' ').slice(0, 140)}`,
    );
}
