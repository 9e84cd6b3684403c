import { fillPlaceholders, is, SQL } from 'drizzle-orm';
import { type PgDialect, PgTransaction } from 'drizzle-orm/pg-core';
import { PostgresJsSession, PostgresJsTransaction } from 'drizzle-orm/postgres-js';
import type { ReservedSql, Sql } from 'postgres';
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

const forgetters = new Set<() => void>();

/** Registers how a cache of built statements empties itself (see forgetBuiltStatements). */
export function onForgetBuiltStatements(forget: () => void): void {
  forgetters.add(forget);
}

/**
 * Empties every cache of built statements, so each is built again on its next use. Only for the core
 * mutation run (vitest.money.config.ts, before each test file): its worker outlives a mutant, and a
 * statement built while one mutant was active must not be what the next mutant's tests run.
 */
export function forgetBuiltStatements(): void {
  for (const forget of forgetters) forget();
}

/**
 * A statement drizzle builds once, on first use, from `build` (which marks its values with
 * `sql.placeholder(name)`); each call fills it with `values`. Hot paths (holds) spend no CPU
 * on drizzle's builder per call, and Postgres sees one statement text, prepared once per connection.
 */
export function reusableStatement(build: () => SQL): (db: DatabaseOrTransaction, values: Record<string, unknown>) => BuiltStatement {
  let built: BuiltStatement | undefined;
  onForgetBuiltStatements(() => {
    built = undefined;
  });
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
  // Every one answered before returning or throwing: nothing of the batch is still in flight on the connection.
  const settled = await Promise.allSettled(sent);
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((s) => (s as PromiseFulfilledResult<unknown>).value) as unknown as Rows;
}

/** Statements to send in one round trip (see pipeline), answered with their rows in order. */
export type Send = <Rows extends Record<string, unknown>[][]>(statements: { [K in keyof Rows]: SQL | BuiltStatement }) => Promise<Rows>;

/**
 * withTransaction for the hottest paths (holds, issue 16), in two round trips fewer: BEGIN travels with
 * `first` (the statements the transaction starts with, e.g. its locks and its one read) and COMMIT with the
 * statements handed to `commit`, each batch one socket write and one round trip. `fn` gets the transaction
 * (for anything else it must run: those are round trips of their own), `first`'s rows, and `commit`; once
 * `commit` is called the transaction is over (its statements failing roll it back: Postgres answers
 * the COMMIT of an aborted transaction with a rollback) and `fn` must not use `tx` again. If `fn` returns
 * without calling `commit`, the transaction commits then; if it throws, it rolls back. Inside another
 * transaction (a savepoint) the batches are sent the same way, without BEGIN and COMMIT.
 */
export async function withPipelinedTransaction<First extends Record<string, unknown>[][], T>(
  db: DatabaseOrTransaction,
  first: (tx: Transaction) => { [K in keyof First]: SQL | BuiltStatement },
  fn: (tx: Transaction, rows: First, commit: Send) => Promise<T>,
): Promise<T> {
  if (is(db, PgTransaction))
    return withTransaction(db, async (tx) => fn(tx, await pipeline<First>(tx, first(tx)), (statements) => pipeline(tx, statements)));
  const session = (db as unknown as { session: PostgresJsSession<Sql, never, never> }).session;
  if (!is(session, PostgresJsSession)) throw new Error('not a postgres.js-backed Drizzle database');
  const client = (await session.client.reserve()) as ReservedSql;
  const { dialect, options } = session as unknown as { dialect: PgDialect; options: never };
  // A drizzle transaction on the reserved connection (no savepoints: `tx.transaction()` is not for these paths).
  // Without the schema: drizzle would build a relational query helper for each of its tables on every hold
  // (about 4 % of a REST hold's allocations), and these paths build their statements themselves (no `tx.query`).
  const reservedSession = new PostgresJsSession(client as unknown as Sql, dialect, undefined as never, options);
  const tx = new PostgresJsTransaction(dialect, reservedSession as never, undefined as never) as unknown as Transaction;
  let open = true;
  const BEGIN: BuiltStatement = { sql: 'begin', params: [] };
  const COMMIT: BuiltStatement = { sql: 'commit', params: [] };
  const batch = async (statements: Array<SQL | BuiltStatement>, around: { begin?: true; commit?: true }) => {
    if (around.commit) open = false;
    const rows = await pipeline(tx, [...(around.begin ? [BEGIN] : []), ...statements, ...(around.commit ? [COMMIT] : [])]);
    return rows.slice(around.begin ? 1 : 0, (around.begin ? 1 : 0) + statements.length);
  };
  try {
    const rows = (await batch(first(tx), { begin: true })) as unknown as First;
    const result = await fn(tx, rows, async (statements) => {
      if (!open) throw new Error('this transaction is already committed');
      return (await batch(statements as Array<SQL | BuiltStatement>, { commit: true })) as never;
    });
    if (open) await batch([], { commit: true });
    return result;
  } catch (error) {
    if (open) {
      open = false;
      await client.unsafe('rollback').catch(() => {});
    }
    throw translateDatabaseError(error);
  } finally {
    client.release();
  }
}
