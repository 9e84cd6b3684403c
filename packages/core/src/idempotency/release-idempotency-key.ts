import { schema } from '@fareway/db';
import { and, eq } from 'drizzle-orm';
import type { Deps } from '../deps';
import type { IdempotencyClaim } from './claim-idempotency-key';

const keys = schema.idempotencyKeys;

/**
 * Gives a claim back without storing a response (a 5xx or a 429: answers that say
 * "try again", which must not be pinned for 24 h), so the next retry runs afresh.
 */
export async function releaseIdempotencyKey(deps: Pick<Deps, 'db'>, claim: IdempotencyClaim): Promise<boolean> {
  const released = await deps.db
    .delete(keys)
    .where(and(eq(keys.scope, claim.scope), eq(keys.key, claim.key), eq(keys.status, 'running'), eq(keys.lockedUntil, claim.lockedUntil)))
    .returning({ scope: keys.scope });
  return released.length > 0;
}
