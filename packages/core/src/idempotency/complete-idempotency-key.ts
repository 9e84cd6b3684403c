import { schema } from '@fareway/db';
import { and, eq } from 'drizzle-orm';
import type { Deps } from '../deps';
import type { IdempotencyClaim, StoredResponse } from './claim-idempotency-key';

const keys = schema.idempotencyKeys;

/**
 * Stores the first response under the claim and marks the key completed. Returns
 * false when the claim was lost (taken over after `locked_until`): then the run
 * that took over owns the key and this response is not stored.
 */
export async function completeIdempotencyKey(
  deps: Pick<Deps, 'db' | 'clock'>,
  claim: IdempotencyClaim,
  response: StoredResponse,
): Promise<boolean> {
  const stored = await deps.db
    .update(keys)
    .set({
      status: 'completed',
      responseStatus: response.status,
      responseHeaders: response.headers,
      responseBody: response.body,
      completedAt: deps.clock.now(),
    })
    .where(and(eq(keys.scope, claim.scope), eq(keys.key, claim.key), eq(keys.status, 'running'), eq(keys.lockedUntil, claim.lockedUntil)))
    .returning({ scope: keys.scope });
  return stored.length > 0;
}
