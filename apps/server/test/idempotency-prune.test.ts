import { createTestDeps, type TestDeps } from '@fareway/core/testing';
import { queues } from '@fareway/jobs';
import { type RunningWorker, startWorker } from '@fareway/worker';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// The worker's cron queue prunes expired keys (the server already treats them as new).
let deps: TestDeps;
let worker: RunningWorker;

beforeAll(async () => {
  deps = await createTestDeps({ jobs: 'worker' });
  worker = await startWorker(deps, { pollingIntervalSeconds: 0.5 });
});
afterAll(async () => {
  await worker.stop();
  await deps.cleanup();
});

describe('the cleanup-idempotency job', () => {
  it('is scheduled by the worker', async () => {
    const rows = await deps.database.sql<Array<{ name: string; cron: string }>>`select name, cron from pgboss.schedule`;
    expect(rows).toContainEqual({ name: queues.cleanupIdempotency.name, cron: queues.cleanupIdempotency.cron });
  });

  it('deletes expired keys and keeps live ones', async () => {
    const now = deps.clock.now().getTime();
    const at = (ms: number) => new Date(now + ms).toISOString();
    for (const [key, expiresIn] of [
      ['expired', -1],
      ['live', 3_600_000],
    ] as const) {
      await deps.database.sql`
        insert into idempotency_keys (scope, key, request_hash, status, created_at, locked_until, expires_at)
        values ('user:prune', ${key}, 'h', 'running', ${at(-86_400_000)}::timestamptz, ${at(-86_340_000)}::timestamptz,
                ${at(expiresIn)}::timestamptz)`;
    }
    await deps.jobs.send(undefined, queues.cleanupIdempotency, {});
    await vi.waitFor(
      async () => expect(await deps.database.sql`select key from idempotency_keys where scope = 'user:prune'`).toEqual([{ key: 'live' }]),
      { timeout: 20_000, interval: 100 },
    );
  });
});
