import { rawClient, type Transaction, withTransaction } from '@fareway/db';
import type { TestDeps } from '../../src/testing/test-deps';

/** Waits (by polling the server, not the clock) until `n` backends of this database are blocked on a lock. */
export async function waitUntilBlocked(deps: Pick<TestDeps, 'database'>, n = 1): Promise<void> {
  for (let i = 0; i < 2_000; i++) {
    const [row] = await deps.database.sql<Array<{ n: number }>>`
      select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`;
    if ((row?.n ?? 0) >= n) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error(`fewer than ${n} backends ever blocked`);
}

class Rollback extends Error {}

/**
 * What `read` answers about a database `breach` has corrupted, inside one transaction that is then rolled
 * back, so the file's own database stays sound for its cleanup. The breach runs with triggers off
 * (session_replication_role = replica, this transaction only): the deferred checks would refuse it.
 */
export async function readBreached<T>(
  deps: Pick<TestDeps, 'db'>,
  breach: (sql: ReturnType<typeof rawClient>) => Promise<unknown>,
  read: (tx: Transaction) => Promise<T>,
): Promise<T> {
  let answer: T | undefined;
  try {
    await withTransaction(deps.db, async (tx) => {
      const sql = rawClient(tx);
      await sql`set local session_replication_role = replica`;
      await breach(sql);
      answer = await read(tx);
      throw new Rollback();
    });
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
    return answer as T;
  }
  throw new Error('the breached transaction was not rolled back');
}
