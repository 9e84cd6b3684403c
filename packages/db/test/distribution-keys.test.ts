import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { rawClient } from '../src';
import { createTestDatabase, type TestDatabase } from '../src/testing';

// Past one primary (Citus), the inventory tables are distributed by the resource they
// sell: a shard can only enforce a unique or exclusion constraint that includes the
// distribution column. Read from the migrated database, so a new key cannot slip in.
const DISTRIBUTION = { vehicle_occupancies: 'vehicle_id', seat_reservations: 'trip_id' } as const;

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase(inject('databaseAdminUrl'), inject('templateDatabase'));
});
afterAll(async () => {
  await database.drop();
});

interface Key {
  table: string;
  name: string;
  kind: string;
  columns: string[] | null;
}

/** Every primary key, unique and exclusion constraint, and every unique index (constraint or not), with its key columns. */
async function keysOf(tables: string[]): Promise<Key[]> {
  const sql = rawClient(database.db);
  return sql<Key[]>`
    select c.relname as table, i.relname as name,
           case when con.contype = 'p' then 'primary key' when con.contype = 'x' then 'exclusion'
                when con.contype = 'u' then 'unique constraint' else 'unique index' end as kind,
           -- expression keys have attnum 0: they name no column (and so fail the check)
           array(select a.attname::text from unnest(x.indkey) with ordinality k(attnum, n)
                 join pg_attribute a on a.attrelid = x.indrelid and a.attnum = k.attnum
                 where k.n <= x.indnkeyatts order by k.n) as columns
    from pg_index x
    join pg_class i on i.oid = x.indexrelid
    join pg_class c on c.oid = x.indrelid
    join pg_namespace ns on ns.oid = c.relnamespace and ns.nspname = current_schema()
    left join pg_constraint con on con.conindid = x.indexrelid and con.conrelid = x.indrelid
    where c.relname = any(${tables}) and (x.indisunique or con.contype = 'x')
    order by 1, 2`;
}

describe('inventory keys are ready for a distributed database', () => {
  it('every unique and exclusion constraint includes the distribution column', async () => {
    const keys = await keysOf(Object.keys(DISTRIBUTION));
    // The check sees what it should: both overlap exclusions and both primary keys.
    expect(keys.map((k) => k.name)).toEqual(
      expect.arrayContaining([
        'vehicle_occupancies_no_overlap',
        'seat_reservations_no_overlap',
        'vehicle_occupancies_vehicle_id_id_pk',
        'seat_reservations_trip_id_id_pk',
      ]),
    );
    const missing = keys.filter((k) => !k.columns?.includes(DISTRIBUTION[k.table as keyof typeof DISTRIBUTION]));
    expect(missing).toEqual([]);
  });
});
