import { AppError } from '@fareway/domain';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { migrate, migrationStatus, NEW_ID_SQL, newId, readJournal, registerConstraintError, schema, withTransaction } from '../src';
import { createTestDatabase, type TestDatabase } from '../src/testing';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase(inject('databaseAdminUrl'), inject('templateDatabase'));
});
afterAll(async () => {
  await database.drop();
});

describe('migrations', () => {
  it('leave the template current with the journal this build ships', async () => {
    const journal = readJournal();
    const status = await migrationStatus(database.db, journal);
    expect(status).toEqual({ applied: journal.entries.at(-1)?.tag, expected: journal.entries.at(-1)?.tag, current: true });
  });

  it('report an empty database as not current', async () => {
    const admin = postgres(inject('databaseAdminUrl'), { max: 1, onnotice: () => {} });
    const name = `fareway_t_empty_${process.pid}_x`;
    await admin.unsafe(`create database "${name}"`);
    try {
      const url = new URL(inject('databaseAdminUrl'));
      url.pathname = `/${name}`;
      const empty = (await import('../src')).connectDatabase(url.toString(), { max: 1 });
      const status = await migrationStatus(empty.db, readJournal());
      expect(status.current).toBe(false);
      expect(status.applied).toBeNull();
      // Three processes starting at once: the advisory lock lets one migrate and the others find nothing to do.
      const results = await Promise.all([migrate(url.toString()), migrate(url.toString()), migrate(url.toString())]);
      expect(results.map((r) => r.applied).sort()).toEqual([0, 0, readJournal().entries.length]);
      expect((await migrationStatus(empty.db, readJournal())).current).toBe(true);
      await empty.close();
    } finally {
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    }
  });

  it('apply nothing twice', async () => {
    expect(await migrate(database.url)).toEqual({ applied: 0 });
  });

  it('store every time as timestamptz', async () => {
    const rows = await database.sql<Array<{ table_name: string; column_name: string }>>`
      select table_name, column_name from information_schema.columns
      where table_schema = 'public' and data_type in ('timestamp without time zone', 'time without time zone', 'date')`;
    // A licence's expiry is a calendar date printed on a card, not an instant: the one date column.
    const CALENDAR_DATES = ['driver_applications.licence_expiry'];
    expect(rows.map((r) => `${r.table_name}.${r.column_name}`).filter((c) => !CALENDAR_DATES.includes(c))).toEqual([]);
  });

  it('install btree_gist for the exclusion constraints', async () => {
    const rows = await database.sql`select 1 from pg_extension where extname = 'btree_gist'`;
    expect(rows).toHaveLength(1);
  });
});

describe('withTransaction', () => {
  const beat = (workerId: string) => ({
    workerId,
    hostname: 'test',
    version: 't',
    startedAt: new Date('2026-01-01T00:00:00Z'),
    lastSeenAt: new Date('2026-01-01T00:00:00Z'),
  });

  it('commits what the function wrote', async () => {
    await withTransaction(database.db, async (tx) => {
      await tx.insert(schema.workerHeartbeats).values(beat('committed'));
    });
    const rows = await database.sql`select 1 from worker_heartbeats where worker_id = 'committed'`;
    expect(rows).toHaveLength(1);
  });

  it('rolls everything back when the function throws', async () => {
    await expect(
      withTransaction(database.db, async (tx) => {
        await tx.insert(schema.workerHeartbeats).values(beat('rolled-back'));
        throw new AppError('BOOKING_CONFLICT', 'changed my mind');
      }),
    ).rejects.toMatchObject({ code: 'BOOKING_CONFLICT' });
    const rows = await database.sql`select 1 from worker_heartbeats where worker_id = 'rolled-back'`;
    expect(rows).toHaveLength(0);
  });

  it('turns a registered constraint violation into its AppError, and leaves others alone', async () => {
    await database.sql`create table demo_slots (slot int constraint demo_slots_unique unique, other int constraint demo_slots_other unique)`;
    registerConstraintError('demo_slots_unique', 'SEATS_UNAVAILABLE', 'That slot is taken');
    await withTransaction(database.db, (tx) => tx.execute('insert into demo_slots values (1, 1)'));
    const caught = await withTransaction(database.db, (tx) => tx.execute('insert into demo_slots values (1, 2)')).catch((e: unknown) => e);
    expect(caught).toBeInstanceOf(AppError);
    expect(caught).toMatchObject({ code: 'SEATS_UNAVAILABLE', message: 'That slot is taken' });
    const unregistered = await withTransaction(database.db, (tx) => tx.execute('insert into demo_slots values (2, 1)')).catch(
      (e: unknown) => e,
    );
    expect(unregistered).not.toBeInstanceOf(AppError);
  });
});

describe('ids made by Postgres (NEW_ID_SQL)', () => {
  it('are UUID v7 like newId: version 7, variant 10, the current Unix ms in the first 48 bits, each one different', async () => {
    const before = Date.now();
    const rows = await database.db.execute<{ id: string }>(sql`select ${NEW_ID_SQL} as id from generate_series(1, 1000)`);
    const after = Date.now();
    const ids = rows.map((r) => r.id);
    expect(new Set(ids).size).toBe(1000);
    for (const id of [...ids, newId()]) {
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
    const ms = ids.map((id) => Number.parseInt(id.replace(/-/g, '').slice(0, 12), 16));
    // The database's clock is this machine's (embedded or local); a second either way allows for a remote one.
    expect(Math.min(...ms)).toBeGreaterThanOrEqual(before - 1000);
    expect(Math.max(...ms)).toBeLessThanOrEqual(after + 1000);
  });
});
