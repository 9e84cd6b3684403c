// The webhook load both webhook benches share (bench/webhook-ingestion, bench/payment-webhooks):
// a server on the bench database, sandbox deliveries signed as the gateway signs them, and
// the ingestion scenarios (in process, over HTTP, a duplicate delivery) at 16 and 64 clients.
import { createHmac } from 'node:crypto';
import { createDeps, createLogger, type Deps, loadConfig, recordPaymentEvent, systemClock } from '@fareway/core';
import { newId } from '@fareway/db';
import { JobQueue, queues } from '@fareway/jobs';
import { buildServer } from '@fareway/server/app';
import type { Anchor } from './anchor';
import { type BenchDatabase, type Figures, measure, printTable, UNREACHED_RATE_LIMITS } from './lib';

export const WEBHOOK_SECRET = 'bench-sandbox-webhook-secret';

/** Signs now: a delivery signed more than 300 s ago is refused, and a loaded machine can take that long. */
export function signature(body: string): { body: string; signature: string } {
  const t = Math.floor(Date.now() / 1000);
  const v1 = createHmac('sha256', WEBHOOK_SECRET).update(`${t}.${body}`).digest('hex');
  return { body, signature: `t=${t},v1=${v1}` };
}

/** A signed sandbox `payment.succeeded` for an intent. */
export function signed(intentId: string, eventId: string, amountMinor = 100_000): { body: string; signature: string } {
  return signature(JSON.stringify({ id: eventId, type: 'payment.succeeded', data: { intentId, amountMinor, currency: 'LKR' } }));
}

export interface WebhookServer {
  deps: Deps;
  /** POSTs a delivery to the sandbox webhook; anything but 200 throws. */
  post(body: string, signature: string): Promise<void>;
  close(): Promise<void>;
}

/** The API server (no SPAs) on the bench database, with a sending job queue and budgets the load never reaches. */
export async function startWebhookServer(database: BenchDatabase): Promise<WebhookServer> {
  const config = loadConfig({
    ...UNREACHED_RATE_LIMITS,
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_POOL_MAX: '20',
    SANDBOX_WEBHOOK_SECRET: WEBHOOK_SECRET,
  });
  const jobs = new JobQueue({ connectionString: database.url, role: 'sender' });
  await jobs.start(Object.values(queues));
  const deps = createDeps({ db: database.db, config, clock: systemClock, log: createLogger('silent'), jobs });
  const app = await buildServer(deps, { serveApps: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/api/v1/payments/webhook/sandbox`;
  return {
    deps,
    async post(body, signature) {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'fareway-signature': signature },
        body,
      });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
    },
    async close() {
      await app.close();
      await jobs.stop({ graceful: false, timeoutMs: 2_000 });
    },
  };
}

/**
 * The ingestion scenarios at 16 and 64 clients, `events` deliveries each: recorded in
 * process (no HTTP, no signature), over HTTP, and a duplicate delivery (verified, refused
 * by the unique index, nothing enqueued). Prints the table, the HTTP/in-process and
 * duplicate/fresh ratios, and that every event has its job. With `anchor`, the anchor
 * runs right before each HTTP scenario; its figures are returned beside them.
 */
export async function measureIngestion(
  server: WebhookServer,
  events: number,
  anchor?: Anchor,
): Promise<{ fresh: Figures; anchor: Figures | null }[]> {
  const rows: Figures[] = [];
  const versus: { fresh: Figures; anchor: Figures | null }[] = [];
  await anchor?.run(8, 300);
  const duplicate = signed(newId(), `evt_dup_${newId()}`);
  await server.post(duplicate.body, duplicate.signature);
  for (const clients of [16, 64]) {
    rows.push(
      await measure('in process: record + enqueue', clients, events, async () => {
        await recordPaymentEvent(server.deps, 'sandbox', {
          eventId: `evt_${newId()}`,
          intentId: newId(),
          status: 'succeeded',
          amountMinor: 100_000,
          currency: 'LKR',
          needsConfirmation: false,
        });
      }),
    );
    const a = anchor ? await anchor.run(clients, events) : null;
    const fresh = await measure('HTTP: verify + record + enqueue', clients, events, async () => {
      const { body, signature } = signed(newId(), `evt_${newId()}`);
      await server.post(body, signature);
    });
    rows.push(fresh);
    versus.push({ fresh, anchor: a });
    rows.push(
      await measure('HTTP: duplicate delivery', clients, events, () => {
        const again = signature(duplicate.body);
        return server.post(again.body, again.signature);
      }),
    );
  }
  printTable(`Payment webhooks (${events} deliveries per scenario)`, rows);
  for (const clients of [16, 64]) {
    const [raw, http, dup] = rows.filter((r) => r.clients === clients);
    if (raw && http && dup) {
      console.log(
        `  ${clients} clients: HTTP/in-process ${((100 * http.perSecond) / raw.perSecond).toFixed(0)} %, duplicate/fresh ${((100 * dup.perSecond) / http.perSecond).toFixed(0)} %`,
      );
    }
  }
  return versus;
}

/** Every recorded event has its job, and duplicates none. */
export async function printEventsAndJobs(database: BenchDatabase): Promise<void> {
  const [recorded] = await database.sql<{ n: number }[]>`select count(*)::int as n from payment_events`;
  const [queued] = await database.sql<
    { n: number }[]
  >`select count(*)::int as n from pgboss.job where name = ${queues.processPaymentEvent.name}`;
  console.log(`  events recorded ${recorded?.n}, jobs enqueued ${queued?.n} (equal: every event has its job, duplicates none)`);
}
