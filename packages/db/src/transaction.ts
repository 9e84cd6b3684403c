import type { Sql } from 'postgres';
import type { Database } from './client';
import { translateDatabaseError } from './constraint-errors';

export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];
export type DatabaseOrTransaction = Database | Transaction;

/**
 * Runs `fn` in one transaction (a savepoint when already inside one). A violated
 * constraint that a feature registered becomes its AppError here, in one place,
 * so use cases need no try/catch of their own.
 */
export async function withTransaction<T>(db: DatabaseOrTransaction, fn: (tx: Transaction) => Promise<T>): Promise<T> {
  try {
    return await db.transaction(fn);
  } catch (error) {
    throw translateDatabaseError(error);
  }
}

/**
 * The postgres.js client under a Drizzle database or transaction, for the few
 * callers that must speak raw SQL on the same connection (pg-boss's `db` option).
 */
export function rawClient(db: DatabaseOrTransaction): Sql {
  const session = (db as unknown as { session?: { client?: Sql } }).session;
  if (!session?.client) throw new Error('not a postgres.js-backed Drizzle database');
  return session.client;
}
