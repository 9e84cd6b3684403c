import Manager from 'pg-boss/src/manager.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { COMPLETION_RETRY_DELAYS_MS, guardJobCompletion } from '../src/pg-boss-completion-guard';

/**
 * pg-boss's own Manager methods, run against a database that is down for its first `downFor`
 * queries (for ever by default): what its `work()` loop meets when a job finishes during a
 * PostgreSQL restart (it neither awaits nor catches them).
 */
function managerWithDatabaseDown(downFor = Number.POSITIVE_INFINITY) {
  const events: Array<[string, unknown]> = [];
  let queries = 0;
  const manager = Object.assign(Object.create(Manager.prototype as object), {
    db: {
      executeSql: async () => {
        queries += 1;
        if (queries <= downFor) throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
        return { rows: [{ count: '1' }] };
      },
    },
    completeJobsCommand: 'select 1',
    failJobsByIdCommand: 'select 1',
    emit: (event: string, value: unknown) => events.push([event, value]) > 0,
  }) as Record<'complete' | 'fail', (name: string, id: string, data?: unknown) => Promise<unknown>>;
  return { manager, events, queries: () => queries };
}

/** Runs `act` and reports the unhandled rejections Node saw meanwhile (it reports them a macrotask later). */
async function unhandledDuring(act: () => Promise<void>): Promise<unknown[]> {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  process.on('unhandledRejection', onUnhandled);
  try {
    await act();
    await new Promise((done) => setImmediate(done));
    await new Promise((done) => setImmediate(done));
  } finally {
    process.off('unhandledRejection', onUnhandled);
  }
  return unhandled;
}

const JOB_ID = '01900000-0000-7000-8000-000000000001';

describe('the pg-boss completion guard', () => {
  guardJobCompletion();
  guardJobCompletion(); // applied twice, wraps once
  afterEach(() => {
    vi.useRealTimers();
  });

  it.each(['complete', 'fail'] as const)('%s: a caller that awaits still sees the failure', async (method) => {
    const { manager } = managerWithDatabaseDown();
    await expect(manager[method]('test.echo', JOB_ID)).rejects.toThrow('ECONNREFUSED');
  });

  it.each(['complete', 'fail'] as const)(
    '%s: left unawaited (as pg-boss work() does) while the database restarts, it is recorded once it is back',
    async (method) => {
      vi.useFakeTimers({ toFake: ['setTimeout'] });
      const { manager, events, queries } = managerWithDatabaseDown(3);
      const unhandled = await unhandledDuring(async () => {
        void manager[method]('test.echo', JOB_ID);
        for (const delay of COMPLETION_RETRY_DELAYS_MS.slice(0, 3)) await vi.advanceTimersByTimeAsync(delay);
      });
      expect(unhandled).toEqual([]);
      expect(queries()).toBe(4);
      expect(events).toEqual([]);
    },
  );

  it.each(['complete', 'fail'] as const)(
    '%s: with the database down for good, it ends as an error event, never an unhandled rejection',
    async (method) => {
      vi.useFakeTimers({ toFake: ['setTimeout'] });
      const { manager, events, queries } = managerWithDatabaseDown();
      const unhandled = await unhandledDuring(async () => {
        void manager[method]('test.echo', JOB_ID);
        for (const delay of COMPLETION_RETRY_DELAYS_MS) await vi.advanceTimersByTimeAsync(delay);
      });
      expect(unhandled).toEqual([]);
      expect(queries()).toBe(COMPLETION_RETRY_DELAYS_MS.length + 1);
      expect(events).toEqual([['error', expect.objectContaining({ message: expect.stringContaining('ECONNREFUSED') })]]);
    },
  );
});
