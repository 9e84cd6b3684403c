import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase, type DatabaseHandle, forgetBuiltStatements, reusableStatement } from '../src';
import { createTestDatabase, type TestDatabase } from '../src/testing';

let database: TestDatabase;
let handle: DatabaseHandle;

beforeAll(async () => {
  database = await createTestDatabase(inject('databaseAdminUrl'), inject('templateDatabase'));
  handle = connectDatabase(database.url, { max: 1 });
});
afterAll(async () => {
  await handle.close();
  await database.drop();
});

describe('reusableStatement', () => {
  it('builds once and fills each call; forgetBuiltStatements makes the next call build again', async () => {
    let builds = 0;
    let word = 'first';
    const statement = reusableStatement(() => {
      builds += 1;
      return sql`select ${sql.placeholder('n')}::int + 1 as next, ${word}::text as word`;
    });
    const run = async (n: number) => (await handle.sql.unsafe(...(Object.values(statement(handle.db, { n })) as [string, never[]])))[0];

    expect(await run(1)).toEqual({ next: 2, word: 'first' });
    word = 'second';
    expect(await run(41)).toEqual({ next: 42, word: 'first' });
    expect(builds).toBe(1);

    forgetBuiltStatements();
    expect(await run(1)).toEqual({ next: 2, word: 'second' });
    expect(builds).toBe(2);
  });
});
