import { fillPlaceholders, is, SQL } from 'drizzle-orm';
import type { PgDialect } from 'drizzle-orm/pg-core';
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

/** A statement as text and parameters; parameters may still be drizzle placeholders (see fillStatement). */
export interface BuiltStatement {
  sql: string;
  params: unknown[];
}

/** Drizzle's SQL as text and parameters, with any `sql.placeholder()` left in for fillStatement. */
export function buildStatement(db: DatabaseOrTransaction, statement: SQL): BuiltStatement {
  const { dialect } = db as unknown as { dialect: PgDialect };
  return dialect.sqlToQuery(statement);
}

/** The built statement with its placeholders replaced by `values`, each encoded as its column encodes it. */
export function fillStatement(built: BuiltStatement, values: Record<string, unknown>): BuiltStatement {
  return { sql: built.sql, params: fillPlaceholders(built.params as Parameters<typeof fillPlaceholders>[0], values) };
}

/**
 * A statement drizzle builds once, on first use, from `build` (which marks its values with
 * `sql.placeholder(name)`); each call fills it with `values`. Hot paths (holds) spend no CPU
 * on drizzle's builder per call, and Postgres sees one statement text, prepared once per connection.
 */
export function reusableStatement(build: () => SQL): (db: DatabaseOrTransaction, values: Record<string, unknown>) => BuiltStatement {
  let built: BuiltStatement | undefined;
  return (db, values) => {
    built ??= buildStatement(db, build());
    return fillStatement(built, values);
  };
}

/**
 * Sends `statements` together, in this order, on the transaction's connection and
 * awaits them all: one round trip where awaiting each costs one apiece (issue 16).
 * Each still runs as its own statement, with its own snapshot, once the one before
 * has finished: a lock the first takes holds for what the next reads. After a
 * failure the rest fail too (the transaction is aborted) and the first error is thrown.
 */
export async function pipeline<Rows extends Record<string, unknown>[][]>(
  tx: DatabaseOrTransaction,
  statements: { [K in keyof Rows]: SQL | BuiltStatement },
): Promise<Rows> {
  const client = rawClient(tx);
  // execute() hands each to the connection now, in call order (awaiting would send them one by one).
  const sent = (statements as Array<SQL | BuiltStatement>).map((statement) => {
    const query = is(statement, SQL) ? buildStatement(tx, statement) : statement;
    return client.unsafe(query.sql, query.params as never[]).execute();
  });
  return (await Promise.all(sent)) as unknown as Rows;
}
