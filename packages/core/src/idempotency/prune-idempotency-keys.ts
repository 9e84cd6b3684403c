import { schema } from '@fareway/db';
import { sql } from 'drizzle-orm';
import type { Deps } from '../deps';

const BATCH = 5_000;

/**
 * Deletes keys past their 24 h, in batches so no statement holds locks for long;
 * run by the worker on a schedule. Expired keys already behave as new before
 * this runs (the claim takes them over), so pruning is only housekeeping.
 */
export async function pruneIdempotencyKeys(deps: Pick<Deps, 'db' | 'clock'>): Promise<{ deleted: number }> {
  const now = deps.clock.now();
  const keys = schema.idempotencyKeys;
  let deleted = 0;
  for (;;) {
    const result = await deps.db.execute(sql`
      delete from ${keys} where (${keys.scope}, ${keys.key}) in (
        select ${keys.scope}, ${keys.key} from ${keys} where ${keys.expiresAt} <= ${now.toISOString()}::timestamptz limit ${BATCH})`);
    const count = (result as unknown as { count: number }).count;
    deleted += count;
    if (count < BATCH) return { deleted };
  }
}
