import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { connectDatabase, type DatabaseHandle } from '../client';
import { withDatabase } from './test-cluster';

export interface TestDatabase extends DatabaseHandle {
  url: string;
  name: string;
  /** Closes the pool and drops the database. */
  drop(): Promise<void>;
}

/** A fresh database for one test file, cloned from the migrated template: files run in parallel, isolated. */
export async function createTestDatabase(adminUrl: string, templateDatabase: string): Promise<TestDatabase> {
  const pid = templateDatabase.split('_')[2] ?? String(process.pid);
  const name = `fareway_t_${randomBytes(5).toString('hex')}_${pid}_x`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    // FAREWAY_TEST_CLONE_STRATEGY=file_copy (the mutation run over core) copies the template's files
    // instead of WAL-logging every page: about half the Postgres CPU of a clone and its drop.
    const strategy = process.env.FAREWAY_TEST_CLONE_STRATEGY === 'file_copy' ? ' strategy file_copy' : '';
    await admin.unsafe(`create database "${name}" template "${templateDatabase}"${strategy}`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  const url = withDatabase(adminUrl, name);
  const handle = connectDatabase(url, { max: 10, applicationName: 'fareway-test' });
  return {
    ...handle,
    url,
    name,
    async drop() {
      await handle.close();
      const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
      try {
        await sql.unsafe(`drop database if exists "${name}" with (force)`);
      } finally {
        await sql.end({ timeout: 5 });
      }
    },
  };
}
