// bench/idempotency-overhead: what an Idempotency-Key costs a mutation.
// One run measures POST /api/v1/organizations (a real creating mutation) at 16
// clients: without the header (must cost nothing: the table is not touched), with
// a fresh key per request (session lookup + claim + store), and replays of one
// completed key (session lookup + one read, no operation). Prints figures and the
// ratios against the no-key row from the same run.
import { issueSession } from '@fareway/core';
import { newId, schema } from '@fareway/db';
import { startBenchServer } from './hold-fixture';
import { type Figures, measure, openBenchDatabase, printTable } from './lib';

const TOTAL = Number(process.env.BENCH_REQUESTS ?? 2000);
const CLIENTS = 16;

export async function runIdempotencyOverhead(): Promise<void> {
  const database = await openBenchDatabase();
  const { deps, app, base } = await startBenchServer(database);
  const userId = newId();
  const now = new Date();
  await deps.db.insert(schema.users).values({
    id: userId,
    phone: `+9477${Date.now() % 10_000_000}`,
    roles: ['customer'],
    status: 'active',
    createdAt: now,
    updatedAt: now,
  });
  const { token } = await issueSession(deps.db, userId, now, 30, { ip: null, requestId: null });
  const run = `${Date.now()}`;
  const post = async (key: string | null, name: string) => {
    const res = await fetch(`${base}/api/v1/organizations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...(key ? { 'idempotency-key': key } : {}) },
      body: JSON.stringify({ name }),
    });
    if (res.status !== 200) throw new Error(`answered ${res.status}`);
    await res.arrayBuffer();
  };

  try {
    await measure('warm-up', 8, 300, (i) => post(i % 2 ? `warm-${run}-${i}` : null, `Warm ${i}`));
    await post(`replayed-${run}`, 'Replayed Co');
    const rows: Figures[] = [
      await measure('POST /organizations, no key', CLIENTS, TOTAL, (i) => post(null, `Plain ${i}`)),
      await measure('POST /organizations, fresh key each', CLIENTS, TOTAL, (i) => post(`fresh-${run}-${i}`, `Keyed ${i}`)),
      await measure('POST /organizations, replay of one key', CLIENTS, TOTAL, () => post(`replayed-${run}`, 'Replayed Co')),
    ];
    const [plain, fresh, replay] = rows as [Figures, Figures, Figures];
    printTable(`bench/idempotency-overhead (${TOTAL} requests per row)`, rows);
    console.log('\nratios (same run)');
    console.log(
      `  fresh key / no key throughput ${(fresh.perSecond / plain.perSecond).toFixed(2)}, p50 +${(fresh.p50Ms - plain.p50Ms).toFixed(2)} ms`,
    );
    console.log(`  replay / no key throughput ${(replay.perSecond / plain.perSecond).toFixed(2)}`);
  } finally {
    await app.close();
    await database.stop();
  }
}
