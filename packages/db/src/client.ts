import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import postgres, { type Sql } from 'postgres';
import * as schema from './schema';

export type Schema = typeof schema;
export type Database = PostgresJsDatabase<Schema> & { $client: Sql };

export interface DatabaseHandle {
  db: Database;
  sql: Sql;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** Connections in this process's pool. */
  max?: number;
  applicationName?: string;
  /** Called for server notices (NOTICE, WARNING); silent by default. */
  onNotice?: (notice: postgres.Notice) => void;
}

export function connectDatabase(url: string, options: DatabaseOptions = {}): DatabaseHandle {
  const sql = postgres(url, {
    max: options.max ?? 10,
    idle_timeout: 30,
    connect_timeout: 10,
    // Every session runs in UTC so `date_trunc`, `::date` and friends never depend on the server's zone.
    connection: { application_name: options.applicationName ?? 'fareway', TimeZone: 'UTC' },
    onnotice: options.onNotice ?? (() => {}),
  });
  const db = drizzle(preparedStatements(sql), { schema, casing: 'snake_case' }) as Database;
  return {
    db,
    sql,
    close: () => sql.end({ timeout: 5 }),
  };
}

type BeginLike = (...args: unknown[]) => Promise<unknown>;

/**
 * postgres.js keeps a prepared statement per distinct text on every connection
 * for the connection's life (30–60 min, `max_lifetime`). Texts built at run
 * time (an IN list per length, a multi-row insert per row count) would grow
 * that without end, so only the first PREPARED_TEXTS distinct texts are
 * prepared; any later new text runs unprepared (one extra round trip, no cache entry).
 */
const PREPARED_TEXTS = 2_000;
const preparedTexts = new Set<string>();

function mayPrepare(query: string): boolean {
  if (preparedTexts.has(query)) return true;
  if (preparedTexts.size >= PREPARED_TEXTS) return false;
  preparedTexts.add(query);
  return true;
}

/**
 * Drizzle runs a query it was not given a name for with `prepare: false`, and
 * postgres.js then spends a Parse/Describe round trip before every execution.
 * Preparing every statement lets postgres.js cache it per connection (keyed by
 * its text), so a hot path like a hold pays one round trip per query instead of
 * two. Transactions, savepoints and reserved connections hand out wrapped clients too.
 */
function preparedStatements<T extends postgres.Sql | postgres.TransactionSql | postgres.ReservedSql>(client: T): T {
  const wrapScope =
    (begin: BeginLike) =>
    (...args: unknown[]) => {
      const body = args.pop() as (scope: postgres.TransactionSql) => unknown;
      return begin(...args, (scope: postgres.TransactionSql) => body(preparedStatements(scope)));
    };
  return new Proxy(client, {
    get(target, property, receiver) {
      if (property === 'unsafe') {
        return (query: string, parameters?: postgres.ParameterOrJSON<never>[], options?: postgres.UnsafeQueryOptions) =>
          target.unsafe(query, parameters, { ...options, prepare: mayPrepare(query) });
      }
      if (property === 'reserve') {
        const reserve = Reflect.get(target, property, receiver) as () => Promise<postgres.ReservedSql>;
        return async () => preparedStatements(await reserve.call(target));
      }
      if (property === 'begin' || property === 'savepoint') {
        const original = Reflect.get(target, property, receiver) as BeginLike;
        return wrapScope(original.bind(target));
      }
      return Reflect.get(target, property, receiver);
    },
  });
}
