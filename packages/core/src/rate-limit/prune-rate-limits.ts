import { schema } from '@fareway/db';
import { lt } from 'drizzle-orm';
import type { Deps } from '../deps';

/** Deletes windows that have ended; run by the worker on a schedule. */
export async function pruneRateLimits(deps: Pick<Deps, 'db' | 'clock'>): Promise<{ deleted: number }> {
  const deleted = await deps.db
    .delete(schema.rateLimitBuckets)
    .where(lt(schema.rateLimitBuckets.expiresAt, deps.clock.now()))
    .returning({ key: schema.rateLimitBuckets.key });
  return { deleted: deleted.length };
}
