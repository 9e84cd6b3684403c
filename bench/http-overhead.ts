// bench/http-overhead: what the HTTP stack costs on top of the work itself.
// One run measures, at 16 and 64 clients: the raw SQL behind system.status, the
// same through tRPC, through the REST envelope, and /healthz (no database).
// Prints figures and the ratios REST/tRPC and tRPC/raw SQL from the same run.
import { getSystemStatus, LeasedRateLimiter } from '@fareway/core';
import Fastify from 'fastify';
import { startBenchServer } from './hold-fixture';
import { type Figures, measure, openBenchDatabase, printTable } from './lib';

const TOTAL = Number(process.env.BENCH_REQUESTS ?? 3000);

export async function runHttpOverhead(): Promise<void> {
  const database = await openBenchDatabase();
  const { deps, app, base } = await startBenchServer(database);
  // A bare Fastify 5 answering the same small JSON with no hooks: /healthz against it prices our hooks.
  const bare = Fastify();
  bare.get('/healthz', async () => ({ status: 'ok' }));
  await bare.listen({ port: 0, host: '127.0.0.1' });
  const bareAddress = bare.server.address();
  const bareBase = `http://127.0.0.1:${typeof bareAddress === 'object' && bareAddress ? bareAddress.port : 0}`;
  const get = async (path: string, origin = base) => {
    const res = await fetch(origin + path);
    if (!res.ok) throw new Error(`${path} answered ${res.status}`);
    await res.arrayBuffer();
  };

  try {
    // Warm up every path once so JIT and connections do not skew the first rows.
    await measure('warm-up', 8, 400, (i) => get(['/healthz', '/trpc/system.status', '/api/v1/system/status'][i % 3] ?? '/healthz'));
    const rows: Figures[] = [];
    const ratios: string[] = [];
    for (const clients of [16, 64]) {
      const raw = await measure('raw SQL (getSystemStatus, in process)', clients, TOTAL, async () => void (await getSystemStatus(deps)));
      const trpc = await measure('GET /trpc/system.status', clients, TOTAL, () => get('/trpc/system.status'));
      const rest = await measure('GET /api/v1/system/status (envelope)', clients, TOTAL, () => get('/api/v1/system/status'));
      const health = await measure('GET /healthz (no database)', clients, TOTAL, () => get('/healthz'));
      const hello = await measure('GET bare Fastify, no hooks', clients, TOTAL, () => get('/healthz', bareBase));
      // The general limit's decision as every /api/v1 and /trpc request makes it (issue 15 item 3), for 1 000
      // signed-in clients: in memory, Postgres leased in the background.
      const limiter = new LeasedRateLimiter(deps.db, deps.clock);
      const limit = await measure('rate-limit decision (in process)', clients, TOTAL * 10, async (i) => {
        if (!(await limiter.hit(`general:user:${i % 1000}`, 100_000_000)).allowed) throw new Error('refused');
      });
      rows.push(raw, trpc, rest, health, hello, limit);
      ratios.push(
        `  ${clients} clients: one rate-limit decision costs ${((rest.perSecond / limit.perSecond) * 100).toFixed(2)} % of a REST request's time`,
      );
      ratios.push(
        `  ${clients} clients: /healthz/bare Fastify throughput ${(health.perSecond / hello.perSecond).toFixed(2)}, CPU ms per request ${health.cpuMs.toFixed(3)} vs ${hello.cpuMs.toFixed(3)} (what our hooks cost)`,
      );
      ratios.push(
        `  ${clients} clients: REST/tRPC throughput ${(rest.perSecond / trpc.perSecond).toFixed(2)}, tRPC/raw SQL ${(trpc.perSecond / raw.perSecond).toFixed(2)}, REST/raw SQL ${(rest.perSecond / raw.perSecond).toFixed(2)}`,
      );
    }
    printTable(`bench/http-overhead (${TOTAL} operations per row)`, rows);
    console.log('\nratios (same run)');
    for (const line of ratios) console.log(line);
  } finally {
    await bare.close();
    await app.close();
    await database.stop();
  }
}
