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
  const db = drizzle(sql, { schema, casing: 'snake_case' }) as Database;
  return {
    db,
    sql,
    close: () => sql.end({ timeout: 5 }),
  };
}
