import { connectDatabase, type DatabaseHandle, withTransaction } from '@fareway/db';
import { createTestDatabase, type TestDatabase } from '@fareway/db/testing';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { z } from 'zod';
import { deadLetterName, defineQueue, JobQueue } from '../src';

// The semantics every later feature relies on, proven against a real pg-boss in a real Postgres.
const echo = defineQueue({ name: 'test.echo', payload: z.object({ n: z.number().int() }) });
const failing = defineQueue({ name: 'test.failing', payload: z.object({ n: z.number().int() }), retryLimit: 2, retryDelaySeconds: 1 });
const batched = defineQueue({ name: 'test.batched', payload: z.object({ n: z.number().int() }), retryLimit: 1, retryDelaySeconds: 60 });

let database: TestDatabase;
let jobs: JobQueue;
let reader: DatabaseHandle;
const seen: number[] = [];
const failures: Array<{ n: number; at: number }> = [];
const batches: number[][] = [];

beforeAll(async () => {
  database = await createTestDatabase(inject('databaseAdminUrl'), inject('templateDatabase'));
  reader = connectDatabase(database.url, { max: 2 });
  jobs = new JobQueue({ connectionString: database.url, role: 'worker', poolMax: 3 });
  await jobs.start([echo, failing, batched]);
  // Polls only every 30 s: a job found sooner was found through its NOTIFY.
  await jobs.workBatches(
    batched,
    async (payloads) => {
      batches.push(payloads.map(({ n }) => n));
      return payloads.map(({ n }) =>
        n === 13 ? { status: 'rejected' as const, reason: new Error('13 is refused') } : { status: 'fulfilled' as const, value: n },
      );
    },
    { batchSize: 8, pollingIntervalSeconds: 30 },
  );
  await jobs.work(echo, async ({ n }) => void seen.push(n), { pollingIntervalSeconds: 0.5 });
  await jobs.work(
    failing,
    async ({ n }) => {
      failures.push({ n, at: Date.now() });
      throw new Error(`handler refuses job ${n}`);
    },
    { pollingIntervalSeconds: 0.5 },
  );
});

afterAll(async () => {
  await jobs.stop({ graceful: false, timeoutMs: 2_000 });
  await reader.close();
  await database.drop();
});

async function jobsNamed(name: string, n: number) {
  return reader.sql<Array<{ state: string; retry_count: number }>>`
    select state, retry_count from pgboss.job where name = ${name} and (data->>'n')::int = ${n}`;
}

describe('JobQueue', () => {
  it('hands a fetched batch to one call, woken by the send; a refused job and one whose payload no longer parses fail alone', async () => {
    // A job from an older deploy whose payload this queue no longer accepts (sent past the schema, and without a wake-up).
    await jobs.boss.send(batched.name, { n: 'fifteen' });
    await withTransaction(database.db, async (tx) => {
      for (const n of [11, 12, 13, 14]) await jobs.send(tx, batched, { n });
    });
    const states = async () =>
      reader.sql<
        Array<{ n: string; state: string }>
      >`select data->>'n' as n, state from pgboss.job where name = ${batched.name} order by 1`;
    await vi.waitFor(async () => expect((await states()).filter((j) => j.state === 'completed')).toHaveLength(3), {
      timeout: 10_000,
      interval: 100,
    });
    expect(await states()).toEqual([
      { n: '11', state: 'completed' },
      { n: '12', state: 'completed' },
      { n: '13', state: 'retry' },
      { n: '14', state: 'completed' },
      { n: 'fifteen', state: 'retry' },
    ]);
    expect(batches.map((batch) => [...batch].sort())).toEqual([[11, 12, 13, 14]]);
    // Each failed with its own reason (pg-boss's boss.fail, which the completion guard keeps published).
    const reasons = await reader.sql`select data->>'n' as n, output->>'message' as message from pgboss.job
      where name = ${batched.name} and state = 'retry' order by 1`;
    expect(reasons.map((r) => [r.n, r.message])).toEqual([
      ['13', '13 is refused'],
      ['fifteen', expect.stringMatching(/expected number/i)],
    ]);
  });

  it('never runs a job whose transaction rolled back, and runs a committed one exactly once', async () => {
    await expect(
      withTransaction(database.db, async (tx) => {
        await jobs.send(tx, echo, { n: 1 });
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    await withTransaction(database.db, async (tx) => {
      await jobs.send(tx, echo, { n: 2 });
    });

    await vi.waitFor(async () => expect((await jobsNamed(echo.name, 2))[0]?.state).toBe('completed'), { timeout: 20_000, interval: 100 });
    // The rolled-back job does not exist at all, so no worker can ever pick it up.
    expect(await jobsNamed(echo.name, 1)).toEqual([]);
    expect(seen.filter((n) => n === 2)).toHaveLength(1);
    expect(seen).not.toContain(1);
  });

  it('refuses a payload that does not match the queue schema, enqueueing nothing', async () => {
    await expect(jobs.send(undefined, echo, { n: 'three' } as unknown as { n: number })).rejects.toThrow();
    const rows = await reader.sql`select 1 from pgboss.job where name = ${echo.name} and data->>'n' = 'three'`;
    expect(rows).toHaveLength(0);
  });

  it('retries a failing handler with growing delays, then moves the job to the dead-letter queue', async () => {
    await jobs.send(undefined, failing, { n: 7 });
    const dead = deadLetterName(failing.name);
    await vi.waitFor(async () => expect(await jobsNamed(dead, 7)).toHaveLength(1), { timeout: 30_000, interval: 200 });

    const [original] = await jobsNamed(failing.name, 7);
    expect(original).toMatchObject({ state: 'failed', retry_count: 2 });
    const attempts = failures.filter((f) => f.n === 7);
    expect(attempts).toHaveLength(3);
    const [first, second, third] = attempts.map((a) => a.at);
    // Backoff: the second wait is longer than the first (1 s, then about 2 s and more).
    expect((third ?? 0) - (second ?? 0)).toBeGreaterThan((second ?? 0) - (first ?? 0));
    const [row] = await reader.sql<Array<{ retry_backoff: boolean; dead_letter: string }>>`
      select retry_backoff, dead_letter from pgboss.job where name = ${failing.name} and (data->>'n')::int = 7`;
    expect(row).toEqual({ retry_backoff: true, dead_letter: dead });
  });
});
