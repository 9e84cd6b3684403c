// bench/payment-webhooks: gateway webhook ingestion — verify the signature on the
// raw body, record the event under its unique id and enqueue its job in one
// transaction, answer 200 — through the whole HTTP stack, beside the same
// recording done in process (no HTTP, no signature), from one run. Also the
// duplicate path (a gateway retrying: verified, refused by the unique index,
// nothing enqueued). Prints ops/s, p50/p99 and the HTTP/in-process ratio.
import { createHmac } from 'node:crypto';
import { createDeps, createLogger, loadConfig, recordPaymentEvent, systemClock } from '@fareway/core';
import { newId } from '@fareway/db';
import { JobQueue, queues } from '@fareway/jobs';
import { buildServer } from '@fareway/server/app';
import { printVersusAnchor, startAnchor } from './anchor';
import { type Figures, measure, openBenchDatabase, printTable, UNREACHED_RATE_LIMITS } from './lib';

const EVENTS = Number(process.env.BENCH_WEBHOOKS ?? 2000);
const SECRET = 'bench-sandbox-webhook-secret';

function signed(intentId: string, eventId: string): { body: string; signature: string } {
  return signature(JSON.stringify({ id: eventId, type: 'payment.succeeded', data: { intentId, amountMinor: 100_000, currency: 'LKR' } }));
}

/** Signs now: a delivery signed more than 300 s ago is refused, and a loaded machine can take that long. */
function signature(body: string): { body: string; signature: string } {
  const t = Math.floor(Date.now() / 1000);
  const v1 = createHmac('sha256', SECRET).update(`${t}.${body}`).digest('hex');
  return { body, signature: `t=${t},v1=${v1}` };
}

export async function runPaymentWebhooks(): Promise<void> {
  const database = await openBenchDatabase();
  const config = loadConfig({
    ...UNREACHED_RATE_LIMITS,
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_POOL_MAX: '20',
    SANDBOX_WEBHOOK_SECRET: SECRET,
  });
  const jobs = new JobQueue({ connectionString: database.url, role: 'sender' });
  await jobs.start(Object.values(queues));
  const deps = createDeps({ db: database.db, config, clock: systemClock, log: createLogger('silent'), jobs });
  const app = await buildServer(deps, { serveApps: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/api/v1/payments/webhook/sandbox`;
  const post = async (body: string, signature: string) => {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'fareway-signature': signature }, body });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
  };
  const anchor = await startAnchor(database);
  try {
    const rows: Figures[] = [];
    const versus: Parameters<typeof printVersusAnchor>[1] = [];
    await anchor.run(8, 300);
    const duplicate = signed(newId(), `evt_dup_${newId()}`);
    await post(duplicate.body, duplicate.signature);
    for (const clients of [16, 64]) {
      rows.push(
        await measure('in process: record + enqueue', clients, EVENTS, async () => {
          await recordPaymentEvent(deps, 'sandbox', {
            eventId: `evt_${newId()}`,
            intentId: newId(),
            status: 'succeeded',
            amountMinor: 100_000,
            currency: 'LKR',
            needsConfirmation: false,
          });
        }),
      );
      const a = await anchor.run(clients, EVENTS);
      const fresh = await measure('HTTP: verify + record + enqueue', clients, EVENTS, async () => {
        const { body, signature } = signed(newId(), `evt_${newId()}`);
        await post(body, signature);
      });
      rows.push(fresh);
      versus.push({ figures: fresh, anchor: a, goal: { throughput: 0.5 } });
      rows.push(
        await measure('HTTP: duplicate delivery', clients, EVENTS, () => {
          const again = signature(duplicate.body);
          return post(again.body, again.signature);
        }),
      );
    }
    printTable(`Payment webhooks (${EVENTS} deliveries per scenario)`, rows);
    for (const clients of [16, 64]) {
      const [raw, http, dup] = rows.filter((r) => r.clients === clients);
      if (raw && http && dup) {
        console.log(
          `  ${clients} clients: HTTP/in-process ${((100 * http.perSecond) / raw.perSecond).toFixed(0)} %, duplicate/fresh ${((100 * dup.perSecond) / http.perSecond).toFixed(0)} %`,
        );
      }
    }
    printVersusAnchor('Payment webhooks against the thin-stack anchor (same run)', versus);
    const [events] = await database.sql<{ n: number }[]>`select count(*)::int as n from payment_events`;
    const [queued] = await database.sql<
      { n: number }[]
    >`select count(*)::int as n from pgboss.job where name = ${queues.processPaymentEvent.name}`;
    console.log(`  events recorded ${events?.n}, jobs enqueued ${queued?.n} (equal: every event has its job, duplicates none)`);
  } finally {
    await app.close();
    await anchor.close();
    await jobs.stop({ graceful: false, timeoutMs: 2_000 });
    await database.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.env.TZ = 'UTC';
  await runPaymentWebhooks();
  process.exit(0);
}
