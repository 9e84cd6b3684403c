import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectDatabase, type DatabaseHandle, migrate, startEmbeddedPostgres } from '@fareway/db';

export interface BenchDatabase extends DatabaseHandle {
  url: string;
  stop(): Promise<void>;
}

/** DATABASE_URL when set, else a throwaway embedded Postgres; migrated either way. */
export async function openBenchDatabase(): Promise<BenchDatabase> {
  let url = process.env.DATABASE_URL;
  let stopServer = async () => {};
  let folder: string | undefined;
  if (!url) {
    folder = await mkdtemp(join(tmpdir(), 'fareway-bench-'));
    const server = await startEmbeddedPostgres({ dataDir: folder, database: 'fareway_bench' });
    url = server.url;
    stopServer = server.stop;
  }
  await migrate(url);
  const handle = connectDatabase(url, { max: 20, applicationName: 'fareway-bench' });
  return {
    ...handle,
    url,
    async stop() {
      await handle.close();
      await stopServer();
      if (folder) await rm(folder, { recursive: true, force: true });
    },
  };
}

export interface Figures {
  label: string;
  clients: number;
  operations: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** Runs `operation` `total` times from `clients` concurrent loops; a bounded, self-stopping load. */
export async function measure(label: string, clients: number, total: number, operation: (i: number) => Promise<void>): Promise<Figures> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < total) {
        const i = next++;
        const t0 = performance.now();
        await operation(i);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    label,
    clients,
    operations: total,
    perSecond: total / seconds,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
  };
}

export function printTable(title: string, rows: Figures[]): void {
  console.log(`\n${title}`);
  console.log('  scenario                                  clients      ops/s    p50 ms    p99 ms');
  for (const r of rows) {
    console.log(
      `  ${r.label.padEnd(40)} ${String(r.clients).padStart(7)} ${r.perSecond.toFixed(0).padStart(10)} ${r.p50Ms.toFixed(2).padStart(9)} ${r.p99Ms.toFixed(2).padStart(9)}`,
    );
  }
}

/**
 * Budgets no bench reaches from its one address: the limiter still runs on every request
 * (its cost is measured), it just never refuses the load generator.
 */
export const UNREACHED_RATE_LIMITS = {
  RATE_LIMIT_PER_MINUTE: '100000000',
  RATE_LIMIT_AUTH_PER_MINUTE: '100000000',
  RATE_LIMIT_PAYMENTS_PER_MINUTE: '100000000',
  RATE_LIMIT_WEBHOOKS_PER_MINUTE: '100000000',
} as const;
