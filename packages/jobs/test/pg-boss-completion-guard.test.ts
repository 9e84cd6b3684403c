import Manager from 'pg-boss/src/manager.js';
import { describe, expect, it } from 'vitest';
import { guardJobCompletion } from '../src/pg-boss-completion-guard';

/**
 * pg-boss's own Manager methods, run against a database that is down: what its `work()`
 * loop does when a job finishes during a PostgreSQL restart (it neither awaits nor catches).
 */
function managerWithDatabaseDown() {
  const events: Array<[string, unknown]> = [];
  const manager = Object.assign(Object.create(Manager.prototype as object), {
    db: { executeSql: () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432')) },
    completeJobsCommand: 'select 1',
    failJobsByIdCommand: 'select 1',
    emit: (event: string, value: unknown) => events.push([event, value]) > 0,
  }) as Record<'complete' | 'fail', (name: string, id: string, data?: unknown) => Promise<unknown>>;
  return { manager, events };
}

describe('the pg-boss completion guard', () => {
  guardJobCompletion();
  guardJobCompletion(); // applied twice, wraps once

  it.each(['complete', 'fail'] as const)('%s: a caller that awaits still sees the failure', async (method) => {
    const { manager } = managerWithDatabaseDown();
    await expect(manager[method]('test.echo', '01900000-0000-7000-8000-000000000001')).rejects.toThrow('ECONNREFUSED');
  });

  it.each(['complete', 'fail'] as const)(
    '%s: left unawaited (as pg-boss work() does), it is an error event and no unhandled rejection',
    async (method) => {
      const { manager, events } = managerWithDatabaseDown();
      const unhandled: unknown[] = [];
      const onUnhandled = (reason: unknown) => unhandled.push(reason);
      process.on('unhandledRejection', onUnhandled);
      try {
        void manager[method]('test.echo', '01900000-0000-7000-8000-000000000001');
        // Two macrotask turns: Node reports an unhandled rejection after the microtasks of one.
        await new Promise((done) => setImmediate(done));
        await new Promise((done) => setImmediate(done));
      } finally {
        process.off('unhandledRejection', onUnhandled);
      }
      expect(unhandled).toEqual([]);
      expect(events).toEqual([['error', expect.objectContaining({ message: expect.stringContaining('ECONNREFUSED') })]]);
    },
  );
});
