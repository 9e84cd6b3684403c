// bench/webhook-ingestion: gateway webhook ingestion — verify the signature on the
// raw body, record the event under its unique id and enqueue its job in one
// transaction, answer 200 — through the whole HTTP stack, beside the same
// recording done in process (no HTTP, no signature), from one run. Also the
// duplicate path (a gateway retrying: verified, refused by the unique index,
// nothing enqueued). Prints ops/s, p50/p99, the HTTP/in-process ratio, and the
// HTTP path against the thin-stack anchor measured right before it.
import { pathToFileURL } from 'node:url';
import { printVersusAnchor, startAnchor } from './anchor';
import { openBenchDatabase } from './lib';
import { measureIngestion, printEventsAndJobs, startWebhookServer } from './webhook-load';

const EVENTS = Number(process.env.BENCH_WEBHOOKS ?? 2000);

export async function runWebhookIngestion(): Promise<void> {
  const database = await openBenchDatabase();
  const server = await startWebhookServer(database);
  const anchor = await startAnchor(database);
  try {
    const versus = await measureIngestion(server, EVENTS, anchor);
    printVersusAnchor(
      'Payment webhooks against the thin-stack anchor (same run)',
      versus.flatMap(({ fresh, anchor: a }) => (a ? [{ figures: fresh, anchor: a, goal: { throughput: 0.5 } }] : [])),
    );
    await printEventsAndJobs(database);
  } finally {
    await server.close();
    await anchor.close();
    await database.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.env.TZ = 'UTC';
  await runWebhookIngestion();
  process.exit(0);
}
