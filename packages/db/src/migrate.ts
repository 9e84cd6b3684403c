import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate as drizzleMigrate } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { findUp } from './find-up';
import type { DatabaseOrTransaction } from './transaction';
import { rawClient } from './transaction';

/** A fixed key so concurrent starts (server and worker, many replicas) migrate one at a time. */
const MIGRATION_LOCK_KEY = 7_202_611_230;

interface Journal {
  entries: Array<{ idx: number; when: number; tag: string }>;
}

/**
 * The committed `drizzle/` folder: found from the working directory or from this
 * file, so it works from the source tree, from a bundle in `apps/x/dist`, and in tests.
 */
export function findMigrationsFolder(): string {
  const override = process.env.FAREWAY_MIGRATIONS_DIR;
  if (override) return resolve(override);
  const root = findUp(join('drizzle', 'meta', '_journal.json'), import.meta.url);
  if (root) return join(root, 'drizzle');
  throw new Error('cannot find the drizzle/ migrations folder (set FAREWAY_MIGRATIONS_DIR)');
}

export function readJournal(folder = findMigrationsFolder()): Journal {
  return JSON.parse(readFileSync(join(folder, 'meta', '_journal.json'), 'utf8')) as Journal;
}

/**
 * Applies every pending migration of `drizzle/`, under an advisory lock so that
 * processes starting together do not race. The one migrate used by start, tests and deploys.
 */
export async function migrate(url: string, folder = findMigrationsFolder()): Promise<{ applied: number }> {
  // One connection: the session-level advisory lock and the migrator share it.
  const sql = postgres(url, { max: 1, onnotice: () => {}, connection: { TimeZone: 'UTC' } });
  try {
    await sql`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
    const before = await countApplied(sql);
    await drizzleMigrate(drizzle(sql), { migrationsFolder: folder });
    const after = await countApplied(sql);
    await sql`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`;
    return { applied: after - before };
  } finally {
    await sql.end({ timeout: 5 });
  }
}

// A query naming a missing table fails at parse time, so ask whether it exists first.
async function hasMigrationsTable(sql: postgres.Sql): Promise<boolean> {
  const [row] = await sql<Array<{ present: boolean }>>`select to_regclass('drizzle.__drizzle_migrations') is not null as present`;
  return row?.present ?? false;
}

async function countApplied(sql: postgres.Sql): Promise<number> {
  if (!(await hasMigrationsTable(sql))) return 0;
  const [row] = await sql<Array<{ n: number }>>`select count(*)::int as n from drizzle.__drizzle_migrations`;
  return row?.n ?? 0;
}

export interface MigrationStatus {
  /** Tag of the newest migration applied to the database, or null on an empty database. */
  applied: string | null;
  /** Tag of the newest migration this build ships. */
  expected: string | null;
  current: boolean;
}

/**
 * Compares the database with the journal this build ships. Drizzle records each
 * migration's journal timestamp, so "current" means the newest one is applied.
 */
export async function migrationStatus(db: DatabaseOrTransaction, journal: Journal): Promise<MigrationStatus> {
  const sql = rawClient(db);
  let latest: number | null = null;
  if (await hasMigrationsTable(sql)) {
    const [row] = await sql<Array<{ latest: string | null }>>`select max(created_at)::text as latest from drizzle.__drizzle_migrations`;
    latest = row?.latest == null ? null : Number(row.latest);
  }
  const expectedEntry = journal.entries.at(-1) ?? null;
  const appliedEntry = latest == null ? null : [...journal.entries].reverse().find((e) => e.when <= latest);
  return {
    applied: appliedEntry?.tag ?? (latest == null ? null : 'unknown'),
    expected: expectedEntry?.tag ?? null,
    current: expectedEntry == null || (latest != null && latest >= expectedEntry.when),
  };
}
