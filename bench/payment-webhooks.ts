// bench/payment-webhooks: gateway webhook ingestion — verify the signature on the
// raw body, record the event under its unique id and enqueue its job in one
// transaction, answer 200 — through the whole HTTP stack, beside the same
// recording done in process (no HTTP, no signature), from one run. Also the
// duplicate path (a gateway retrying: verified, refused by the unique index,
// nothing enqueued). Prints ops/s, p50/p99 and the HTTP/in-process ratio.
// Then the drain: BENCH_DRAIN_EVENTS (default 1000) held bookings paid by signed
// webhooks from 16 clients while worker processes (the real `apps/worker` main,
// one, then two sharing the queue) confirm them; prints webhook accepted →
// booking confirmed p50/p95, the job wait (enqueue → start) p50/p95, and the
// ingestion and drain rates (goal: p95 < 2 s with one worker, drain ≥ ingestion).
import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { queues } from '@fareway/jobs';
import { measure, openBenchDatabase, seedRentalHolds } from './lib';
import { measureIngestion, printEventsAndJobs, signed, startWebhookServer, WEBHOOK_SECRET } from './webhook-load';

const EVENTS = Number(process.env.BENCH_WEBHOOKS ?? 2000);
const DRAIN_EVENTS = Number(process.env.BENCH_DRAIN_EVENTS ?? 1000);
const ROOT = resolve(import.meta.dirname, '..');

export async function runPaymentWebhooks(): Promise<void> {
  const database = await openBenchDatabase();
  const server = await startWebhookServer(database);
  try {
    await measureIngestion(server, EVENTS);
    await printEventsAndJobs(database);

    // The ingestion scenarios left jobs for intents that do not exist; they are not the drain's.
    await database.sql`delete from pgboss.job where name = ${queues.processPaymentEvent.name}`;
    console.log(
      `\nWebhook accepted → booking confirmed (${DRAIN_EVENTS} held bookings paid from 16 clients, worker processes on the queue)`,
    );
    console.log('  workers   ingested/s   drained/s   confirm p50 ms   confirm p95 ms   job wait p50 ms   job wait p95 ms');
    for (const workers of [1, 2]) await drain(database, workers, server.post);
  } finally {
    await server.close();
    await database.stop();
  }
}

function startWorkerProcess(databaseUrl: string): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'apps/worker/src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      TZ: 'UTC',
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      DATABASE_URL: databaseUrl,
      SANDBOX_WEBHOOK_SECRET: WEBHOOK_SECRET,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

async function drain(
  database: Awaited<ReturnType<typeof openBenchDatabase>>,
  workers: number,
  post: (body: string, signature: string) => Promise<void>,
): Promise<void> {
  const sql = database.sql;
  const holds = await seedRentalHolds(sql, {
    holds: DRAIN_EVENTS,
    vehicles: DRAIN_EVENTS,
    expiresAt: "now() + interval '1 hour'",
    intents: true,
  });
  const children = Array.from({ length: workers }, () => startWorkerProcess(database.url));
  try {
    // Wait until every worker has registered (its heartbeat row), so the run measures work, not start-up.
    const since = new Date();
    for (const deadline = Date.now() + 60_000; Date.now() < deadline; ) {
      const [row] = await sql<
        { n: number }[]
      >`select count(*)::int as n from worker_heartbeats where last_seen_at >= ${since.toISOString()}::timestamptz`;
      if ((row?.n ?? 0) >= workers) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const ingest = await measure('drain', 16, holds.length, async (i) => {
      const hold = holds[i];
      if (!hold?.intentId) return;
      const { body, signature } = signed(hold.intentId, `evt_drain_${hold.intentId}`, 1_000_000);
      await post(body, signature);
    });
    const ids = holds.map((h) => h.bookingId);
    for (const deadline = Date.now() + 300_000; Date.now() < deadline; ) {
      const [row] = await sql<{ n: number }[]>`select count(*)::int as n from bookings where id in ${sql(ids)} and status = 'confirmed'`;
      if (row?.n === ids.length) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const [stats] = await sql<{ confirmed: number; p50: number; p95: number; span: number }[]>`
      select count(*)::int as confirmed,
        percentile_cont(0.5) within group (order by ms) as p50, percentile_cont(0.95) within group (order by ms) as p95,
        extract(epoch from max(confirmed_at) - min(received_at)) as span
      from (select b.confirmed_at, e.received_at, extract(epoch from b.confirmed_at - e.received_at) * 1000 as ms
            from bookings b join payments p on p.booking_id = b.id join payment_events e on e.intent_ref = p.id::text
            where b.id in ${sql(ids)} and b.status = 'confirmed') x`;
    const [wait] = await sql<{ p50: number; p95: number }[]>`
      select percentile_cont(0.5) within group (order by ms) as p50, percentile_cont(0.95) within group (order by ms) as p95
      from (select extract(epoch from started_on - created_on) * 1000 as ms from pgboss.job where name = ${queues.processPaymentEvent.name}) w`;
    const drained = (stats?.confirmed ?? 0) / Number(stats?.span ?? 1);
    console.log(
      `  ${String(workers).padStart(7)} ${ingest.perSecond.toFixed(0).padStart(12)} ${drained.toFixed(0).padStart(11)} ${Number(stats?.p50).toFixed(0).padStart(16)} ${Number(stats?.p95).toFixed(0).padStart(16)} ${Number(wait?.p50).toFixed(0).padStart(17)} ${Number(wait?.p95).toFixed(0).padStart(17)}`,
    );
    if (stats?.confirmed !== ids.length) console.log(`  only ${stats?.confirmed} of ${ids.length} confirmed within 5 minutes`);
    console.log(
      `          drain/ingestion ${((100 * drained) / ingest.perSecond).toFixed(0)} %, confirmed ${stats?.confirmed}/${ids.length}`,
    );
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(children.map((c) => new Promise((done) => (c.exitCode !== null ? done(null) : c.once('exit', done)))));
    await sql`delete from pgboss.job where name = ${queues.processPaymentEvent.name}`;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.env.TZ = 'UTC';
  await runPaymentWebhooks();
  process.exit(0);
}
