import { connectDatabase, type DatabaseHandle } from '@fareway/db';
import { createTestDatabase, type TestDatabase } from '@fareway/db/testing';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { z } from 'zod';
import { defineQueue, JobQueue } from '../src';

// README: "Ctrl-C drains in-flight requests and running jobs" — the jobs half. A graceful stop
// waits for the job that is running to finish (and it completes); a hurried stop does not wait.
const slow = defineQueue({ name: 'test.slow', payload: z.object({ n: z.number().int() }) });

let database: TestDatabase;
let reader: DatabaseHandle;

beforeAll(async () => {
  database = await createTestDatabase(inject('databaseAdminUrl'), inject('templateDatabase'));
  reader = connectDatabase(database.url, { max: 2 });
});
afterAll(async () => {
  await reader.close();
  await database.drop();
});

async function stateOf(n: number): Promise<string | undefined> {
  const [row] = await reader.sql<
    Array<{ state: string }>
  >`select state from pgboss.job where name = ${slow.name} and (data->>'n')::int = ${n}`;
  return row?.state;
}

/** A worker whose handler holds each job until the test lets it go. */
async function startWorker() {
  const jobs = new JobQueue({ connectionString: database.url, role: 'worker', poolMax: 3 });
  const events: string[] = [];
  const gate: { release?: () => void } = {};
  await jobs.start([slow]);
  await jobs.work(
    slow,
    async ({ n }) => {
      events.push(`started ${n}`);
      await new Promise<void>((resolve) => {
        gate.release = resolve;
      });
      events.push(`finished ${n}`);
    },
    { pollingIntervalSeconds: 0.5 },
  );
  return { jobs, events, gate };
}

describe('stopping a worker', () => {
  it('gracefully: waits for the running job, which completes, and only then resolves', async () => {
    const { jobs, events, gate } = await startWorker();
    await jobs.send(undefined, slow, { n: 1 });
    await vi.waitFor(() => expect(events).toContain('started 1'), { timeout: 20_000, interval: 50 });

    const stopped = jobs.stop({ graceful: true, timeoutMs: 30_000 }).then(() => events.push('stopped'));
    // Still running in the database while the stop waits for it.
    expect(await stateOf(1)).toBe('active');
    expect(events).not.toContain('stopped');
    gate.release?.();
    await stopped;

    expect(events).toEqual(['started 1', 'finished 1', 'stopped']);
    expect(await stateOf(1)).toBe('completed');
  });

  it('in a hurry (a second Ctrl-C): resolves without waiting, leaving the job to be retried', async () => {
    const { jobs, events, gate } = await startWorker();
    await jobs.send(undefined, slow, { n: 2 });
    await vi.waitFor(() => expect(events).toContain('started 2'), { timeout: 20_000, interval: 50 });

    const hurry = new AbortController();
    const stopped = jobs.stop({ graceful: true, timeoutMs: 30_000, hurry: hurry.signal }).then(() => events.push('stopped'));
    hurry.abort();
    await stopped;
    expect(events).toEqual(['started 2', 'stopped']);
    // Not completed: still active (its lock will expire) or already put back for a retry — not lost.
    expect(['active', 'retry']).toContain(await stateOf(2));
    gate.release?.();
  });
});
