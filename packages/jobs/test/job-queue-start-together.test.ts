import { connectDatabase } from '@fareway/db';
import { createTestDatabase, type TestDatabase } from '@fareway/db/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { z } from 'zod';
import { defineQueue, JobQueue, queues } from '../src';

// Three API and two worker processes starting together on a fresh database once died of
// "deadlock detected" inside pg-boss's createQueue (found on PostgreSQL 15 by the cluster test).
const fresh = Array.from({ length: 12 }, (_, i) => defineQueue({ name: `test.together-${i}`, payload: z.object({}) }));

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase(inject('databaseAdminUrl'), inject('templateDatabase'));
});
afterAll(async () => {
  await database.drop();
});

describe('job queues starting together', () => {
  it('five processes creating the same queues at once all start, and each queue exists once', async () => {
    const definitions = [...Object.values(queues), ...fresh];
    const starting = Array.from(
      { length: 5 },
      (_, i) => new JobQueue({ connectionString: database.url, role: i < 3 ? 'sender' : 'worker' }),
    );
    try {
      await Promise.all(starting.map((q) => q.start(definitions)));
      const reader = connectDatabase(database.url, { max: 1 });
      const rows = await reader.sql<Array<{ name: string; n: number }>>`
        select name, count(*)::int as n from pgboss.queue where name like 'test.together-%' group by name`;
      await reader.close();
      expect(rows).toHaveLength(fresh.length * 2); // each queue and its dead-letter queue
      expect(rows.every((r) => r.n === 1)).toBe(true);
    } finally {
      await Promise.all(starting.map((q) => q.stop({ graceful: false })));
    }
  });
});
