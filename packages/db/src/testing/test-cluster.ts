import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { startEmbeddedPostgres } from '../embedded';
import { migrate } from '../migrate';

export interface TestCluster {
  /** A URL with rights to CREATE DATABASE. */
  adminUrl: string;
  /** A migrated database every test file clones. */
  templateDatabase: string;
  stop(): Promise<void>;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/**
 * The Postgres the integration tests use: `DATABASE_URL` when set (any
 * Postgres >= 15), otherwise a fresh embedded cluster in a temporary folder.
 * Migrations are applied once, to a template; each test file clones it.
 */
export async function startTestCluster(): Promise<TestCluster> {
  let adminUrl = process.env.DATABASE_URL;
  let stopServer = async () => {};
  let folder: string | undefined;
  if (!adminUrl) {
    folder = await mkdtemp(join(tmpdir(), 'fareway-test-'));
    // Tests may lose data on a crash: no fsync keeps a 2-core CI fast.
    process.env.FAREWAY_DB_FSYNC = 'off';
    const server = await startEmbeddedPostgres({ dataDir: folder, database: 'fareway_test' });
    adminUrl = server.adminUrl;
    stopServer = server.stop;
  }
  const templateDatabase = `fareway_tpl_${process.pid}_${Date.now().toString(36)}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database "${templateDatabase}"`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  await migrate(withDatabase(adminUrl, templateDatabase));
  const url = adminUrl;
  return {
    adminUrl: url,
    templateDatabase,
    async stop() {
      if (folder === undefined) {
        // An external server outlives us: remove what we created on it.
        const sql = postgres(url, { max: 1, onnotice: () => {} });
        try {
          const rows = await sql<Array<{ datname: string }>>`
            select datname from pg_database where datname like ${`fareway_t%_${process.pid}_%`}`;
          for (const { datname } of rows) await sql.unsafe(`drop database if exists "${datname}" with (force)`);
          await sql.unsafe(`drop database if exists "${templateDatabase}" with (force)`);
        } finally {
          await sql.end({ timeout: 5 });
        }
      }
      await stopServer();
      if (folder) await rm(folder, { recursive: true, force: true });
    },
  };
}

export { withDatabase };
