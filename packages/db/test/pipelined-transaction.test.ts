import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase, type DatabaseHandle, withPipelinedTransaction, withTransaction } from '../src';
import { createTestDatabase, type TestDatabase } from '../src/testing';

let database: TestDatabase;
/** One connection: every transaction below reuses the connection the one before gave back. */
let single: DatabaseHandle;

beforeAll(async () => {
  database = await createTestDatabase(inject('databaseAdminUrl'), inject('templateDatabase'));
  await database.sql`create table pipelined (id int primary key, note text not null)`;
  single = connectDatabase(database.url, { max: 1 });
});
afterAll(async () => {
  await single.close();
  await database.drop();
});

const ids = async () => (await database.sql<{ id: number }[]>`select id from pipelined order by id`).map((r) => r.id);
/** What the pooled connection says once given back: no transaction open, nothing aborted. */
const connectionState = async () =>
  (await single.sql<{ open: boolean }[]>`select pg_current_xact_id_if_assigned() is not null as open`)[0]?.open;
const insert = (id: number, note = 'x') => sql`insert into pipelined (id, note) values (${id}, ${note}) returning id`;

describe('withPipelinedTransaction', () => {
  it('commits the first batch, the work between and the committed batch as one transaction, and answers their rows', async () => {
    const result = await withPipelinedTransaction<[{ id: number }[]], number[]>(
      single.db,
      () => [insert(1)],
      async (tx, [first], commit) => {
        await tx.execute(insert(2));
        // The transaction's own snapshot sees its uncommitted rows; nobody else does yet.
        expect(await ids()).toEqual([]);
        const [last] = await commit<[{ id: number }[]]>([insert(3)]);
        return [...first, ...last].map((r) => r.id);
      },
    );
    expect(result).toEqual([1, 3]);
    expect(await ids()).toEqual([1, 2, 3]);
    expect(await connectionState()).toBe(false);
  });

  it('commits at the end when commit is never called', async () => {
    await withPipelinedTransaction(
      single.db,
      () => [insert(10)],
      async () => {},
    );
    expect(await ids()).toContain(10);
  });

  it('rolls everything back when a committed batch fails, and gives the connection back clean', async () => {
    const before = await ids();
    const failure = withPipelinedTransaction(
      single.db,
      () => [insert(20)],
      // The second insert breaks the primary key: the COMMIT sent behind it ends the transaction as a rollback.
      async (_tx, _rows, commit) => commit([insert(21), insert(21), insert(22)]),
    );
    await expect(failure).rejects.toMatchObject({ code: '23505' });
    expect(await ids()).toEqual(before);
    expect(await connectionState()).toBe(false);
  });

  it('rolls back when the first batch fails or the work between throws', async () => {
    const before = await ids();
    await expect(
      withPipelinedTransaction(
        single.db,
        () => [insert(30), sql`select 1 / 0`],
        async () => {},
      ),
    ).rejects.toMatchObject({ code: '22012' });
    await expect(
      withPipelinedTransaction(
        single.db,
        () => [insert(31)],
        async () => {
          throw new Error('refused after the read');
        },
      ),
    ).rejects.toThrow('refused after the read');
    expect(await ids()).toEqual(before);
    expect(await connectionState()).toBe(false);
  });

  it('inside a transaction, sends the batches without BEGIN and COMMIT, and the outer transaction decides', async () => {
    await expect(
      withTransaction(single.db, async (outer) => {
        await withPipelinedTransaction(
          outer,
          () => [insert(40)],
          async (_tx, _rows, commit) => commit([insert(41)]),
        );
        expect((await outer.execute<{ n: number }>(sql`select count(*)::int as n from pipelined where id in (40, 41)`))[0]?.n).toBe(2);
        throw new Error('the outer transaction rolls back');
      }),
    ).rejects.toThrow('the outer transaction rolls back');
    expect(await ids()).not.toContain(40);
  });
});
