// bench/payment-apply: what applying one captured payment costs — the worker's
// path from a queued `process-payment-event` job to a confirmed booking (its
// journal, audit, notice, the event marked processed, the job completed).
// BENCH_APPLY_EVENTS (default 1000) held bookings are paid in process (events
// recorded and jobs queued as the webhook does), then applied twice over: by the
// use case alone (no queue), and by the real worker loops (pg-boss fetch and
// complete included). Each prints, per event: statements sent to Postgres (from
// pg_stat_statements, every connection), Postgres execution ms, and this
// process's CPU ms (process.cpuUsage, server + worker in one process), plus the
// rate; these are ratios of one run, so a loaded machine shifts them together.
import { pathToFileURL } from 'node:url';
import { createDeps, createLogger, loadConfig, processPaymentEvent, recordPaymentEvent, systemClock } from '@fareway/core';
import { JobQueue, queues } from '@fareway/jobs';
import { startWorker } from '@fareway/worker';
import { measure, openBenchDatabase, seedRentalHolds } from './lib';

const EVENTS = Number(process.env.BENCH_APPLY_EVENTS ?? 1000);
const CLIENTS = 16;

type Sql = Awaited<ReturnType<typeof openBenchDatabase>>['sql'];

interface Cost {
  label: string;
  events: number;
  perSecond: number;
  statements: number;
  nested: number;
  serverMs: number;
  cpuMs: number;
  top: { calls: number; ms: number; query: string; toplevel: boolean }[];
}

async function readStatements(sql: Sql) {
  return sql<{ calls: number; ms: number; query: string; toplevel: boolean }[]>`
    select calls::int as calls, total_exec_time::float8 as ms, query, toplevel from pg_stat_statements
    where query not ilike '%pg_stat_statements%' order by toplevel desc, calls desc`;
}

/** Runs `work` over `events` events and prices it by pg_stat_statements and process.cpuUsage. */
async function priced(sql: Sql, label: string, events: number, work: () => Promise<void>): Promise<Cost> {
  await sql`select pg_stat_statements_reset()`;
  const cpu = process.cpuUsage();
  const started = performance.now();
  await work();
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const rows = await readStatements(sql);
  // Top-level statements are round trips; nested ones run inside them (triggers, foreign-key checks).
  const calls = rows.reduce((n, r) => n + (r.toplevel ? r.calls : 0), 0);
  const nested = rows.reduce((n, r) => n + (r.toplevel ? 0 : r.calls), 0);
  const ms = rows.reduce((n, r) => n + (r.toplevel ? r.ms : 0), 0);
  return {
    label,
    events,
    perSecond: events / seconds,
    statements: calls / events,
    nested: nested / events,
    serverMs: ms / events,
    cpuMs: (used.user + used.system) / 1000 / events,
    top: rows,
  };
}

async function untilConfirmed(sql: Sql, ids: string[]): Promise<void> {
  for (const deadline = Date.now() + 600_000; Date.now() < deadline; ) {
    const [row] = await sql<{ n: number }[]>`select count(*)::int as n from bookings where id in ${sql(ids)} and status = 'confirmed'`;
    if (row?.n === ids.length) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('bookings not confirmed within 10 minutes');
}

export async function runPaymentApply(): Promise<void> {
  const database = await openBenchDatabase({ statements: true });
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_POOL_MAX: '20' });
  const jobs = new JobQueue({ connectionString: database.url, role: 'worker' });
  await jobs.start(Object.values(queues));
  const deps = createDeps({ db: database.db, config, clock: systemClock, log: createLogger('silent'), jobs });
  const sql = database.sql;
  const costs: Cost[] = [];
  try {
    const record = async () => {
      const holds = await seedRentalHolds(sql, { holds: EVENTS, vehicles: EVENTS, expiresAt: "now() + interval '1 hour'", intents: true });
      const events: string[] = [];
      await measure('record', CLIENTS, holds.length, async (i) => {
        const hold = holds[i];
        if (!hold?.intentId) return;
        const { eventId } = await recordPaymentEvent(deps, 'sandbox', {
          eventId: `evt_apply_${hold.intentId}`,
          intentId: hold.intentId,
          status: 'succeeded',
          amountMinor: 1_000_000,
          currency: 'LKR',
          needsConfirmation: false,
        });
        if (eventId) events.push(eventId);
      });
      return { ids: holds.map((h) => h.bookingId), events };
    };

    // 1. The use case alone, 16 at a time: what the apply itself costs.
    const direct = await record();
    await sql`delete from pgboss.job where name = ${queues.processPaymentEvent.name}`;
    costs.push(
      await priced(sql, 'use case alone', direct.events.length, async () => {
        await measure('apply', CLIENTS, direct.events.length, async (i) => {
          await processPaymentEvent(deps, { eventId: direct.events[i] as string });
        });
      }),
    );

    // 2. The real worker loops on the queue: the same plus pg-boss's fetch and complete.
    const queued = await record();
    costs.push(
      await priced(sql, 'worker on the queue', queued.events.length, async () => {
        const worker = await startWorker(deps, { pollingIntervalSeconds: 1 });
        try {
          await untilConfirmed(sql, queued.ids);
        } finally {
          await worker.stop();
        }
      }),
    );

    console.log(`\nApplying a captured payment (${EVENTS} held bookings, in process; per event)`);
    console.log('  path                      events/s   round trips   nested statements   Postgres ms   CPU ms (this process)');
    for (const c of costs) {
      console.log(
        `  ${c.label.padEnd(24)} ${c.perSecond.toFixed(0).padStart(9)} ${c.statements.toFixed(1).padStart(13)} ${c.nested.toFixed(1).padStart(19)} ${c.serverMs.toFixed(2).padStart(13)} ${c.cpuMs.toFixed(2).padStart(13)}`,
      );
    }
    const [alone, worked] = costs;
    if (alone && worked) console.log(`  queue overhead: ${(worked.statements - alone.statements).toFixed(1)} round trips per event`);
    if (process.env.BENCH_APPLY_STATEMENTS) {
      for (const c of costs) {
        console.log(`\n  ${c.label}: statements per event (calls / events), Postgres ms per event`);
        for (const t of c.top) {
          if (t.calls < c.events / 10) continue;
          console.log(
            `  ${t.toplevel ? ' ' : 'n'}${(t.calls / c.events).toFixed(2).padStart(6)} ${(t.ms / c.events).toFixed(3).padStart(7)}  ${t.query.replace(/\s+/g, ' ').slice(0, 150)}`,
          );
        }
      }
    }
  } finally {
    await jobs.stop({ graceful: false, timeoutMs: 2_000 });
    await database.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.env.TZ = 'UTC';
  await runPaymentApply();
  process.exit(0);
}
