// bench/anchor: the thin stack every Fareway figure is printed against (issue 16).
// A bare Fastify 5 server with its own postgres.js pool on the SAME Postgres, doing
// the irreducible work of a hold: one transaction with an advisory lock on the
// vehicle, an overlap check and an insert into a table whose EXCLUDE constraint has
// the last word. Driven by the same load generator (fetch, same clients, same
// process) right before the path it is compared with, so the ratios cancel most of
// the noise of a shared machine.
import Fastify from 'fastify';
import postgres from 'postgres';
import type { BenchDatabase, Figures } from './lib';
import { measure } from './lib';

const VEHICLES = 500;
const DAY = 86_400_000;

export interface Anchor {
  /** Anchor figures measured at `clients` (fresh table, `total` holds), right now. */
  run(clients: number, total: number): Promise<Figures>;
  close(): Promise<void>;
}

export async function startAnchor(database: BenchDatabase, poolMax = 20): Promise<Anchor> {
  const sql = postgres(database.url, { max: poolMax, onnotice: () => {} });
  await sql`create extension if not exists btree_gist`;
  await sql`drop table if exists bench_anchor_holds`;
  await sql`
    create table bench_anchor_holds (
      id bigserial primary key,
      vehicle_id int not null,
      period tstzrange not null,
      created_at timestamptz not null default now(),
      exclude using gist (vehicle_id with =, period with &&)
    )`;
  const app = Fastify();
  app.post<{ Body: { vehicleId: number; start: string; end: string } }>('/holds', async (request, reply) => {
    const { vehicleId, start, end } = request.body;
    const range = `[${start},${end})`;
    const id = await sql.begin(async (tx) => {
      await tx`select pg_advisory_xact_lock(${vehicleId})`;
      const clash = await tx`select 1 from bench_anchor_holds where vehicle_id = ${vehicleId} and period && ${range}::tstzrange limit 1`;
      if (clash.length > 0) return null;
      const [row] = await tx`insert into bench_anchor_holds (vehicle_id, period) values (${vehicleId}, ${range}::tstzrange) returning id`;
      return row?.id as string;
    });
    if (id === null) return reply.code(409).send({ error: 'conflict' });
    return { id, vehicleId, start, end };
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/holds`;
  const origin = Math.ceil(Date.now() / DAY) * DAY + 2 * DAY;

  return {
    async run(clients, total) {
      await sql`truncate bench_anchor_holds`;
      return measure('anchor: thin Fastify + postgres.js hold', clients, total, async (i) => {
        // Same shape as the Fareway rental bench: vehicle i mod V, a day every other day, never overlapping.
        const start = new Date(origin + 2 * Math.floor(i / VEHICLES) * DAY);
        const res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ vehicleId: i % VEHICLES, start: start.toISOString(), end: new Date(start.getTime() + DAY).toISOString() }),
        });
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`anchor answered ${res.status}`);
      });
    },
    async close() {
      await app.close();
      await sql.end({ timeout: 5 });
    },
  };
}

export interface Goal {
  /** Minimum throughput as a fraction of the anchor's. */
  throughput?: number;
  /** Maximum p99 as a multiple of the anchor's. */
  p99?: number;
}

/**
 * One line per row: its figures, then ×anchor for throughput and p99, and the goal it meets or misses.
 * `cpu ms`: this process's CPU per operation (server and load generator share it, for Fareway and anchor alike).
 */
export function printVersusAnchor(title: string, rows: Array<{ figures: Figures; anchor: Figures; goal?: Goal }>): void {
  console.log(`\n${title}`);
  console.log(
    '  scenario                                  clients      ops/s    p50 ms    p99 ms  cpu ms | anchor ops/s  p99 ms  cpu ms | ×thru  ×p99  goal',
  );
  for (const { figures: r, anchor: a, goal } of rows) {
    const thru = r.perSecond / a.perSecond;
    const tail = r.p99Ms / a.p99Ms;
    const verdicts: string[] = [];
    if (goal?.throughput !== undefined) verdicts.push(`thru ≥ ${goal.throughput} ${thru >= goal.throughput ? 'met' : 'MISSED'}`);
    if (goal?.p99 !== undefined) verdicts.push(`p99 ≤ ${goal.p99}× ${tail <= goal.p99 ? 'met' : 'MISSED'}`);
    console.log(
      `  ${r.label.padEnd(40)} ${String(r.clients).padStart(7)} ${r.perSecond.toFixed(0).padStart(10)} ${r.p50Ms.toFixed(2).padStart(9)} ${r.p99Ms.toFixed(2).padStart(9)} ${r.cpuMs.toFixed(2).padStart(7)} | ${a.perSecond.toFixed(0).padStart(12)} ${a.p99Ms.toFixed(1).padStart(7)} ${a.cpuMs.toFixed(2).padStart(7)} | ${thru.toFixed(2).padStart(5)} ${tail.toFixed(2).padStart(5)}  ${verdicts.join(', ')}`,
    );
  }
}
