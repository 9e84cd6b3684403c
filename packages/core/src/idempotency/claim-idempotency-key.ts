import { schema } from '@fareway/db';
import { and, eq, lte, or } from 'drizzle-orm';
import type { Deps } from '../deps';
import type { IdempotencyTimings } from './idempotency-key';

/** A response as it went out: replayed byte for byte to a retry. */
export interface StoredResponse {
  status: number;
  /** Only the headers that carry meaning for a retry: content-type, retry-after. */
  headers: Record<string, string>;
  body: string;
}

/**
 * The right to run a request once. `lockedUntil` doubles as the fencing token: a
 * takeover moves it, so a presumed-dead first run that finishes late can no
 * longer overwrite (or delete) what the run that took over stores.
 */
export interface IdempotencyClaim {
  scope: string;
  key: string;
  lockedUntil: Date;
  /** The row existed (expired, or a crashed run's stale claim) and was taken over. */
  takenOver: boolean;
}

export type ClaimOutcome =
  | { kind: 'claimed'; claim: IdempotencyClaim }
  | { kind: 'completed'; response: StoredResponse }
  | { kind: 'running'; lockedUntil: Date }
  | { kind: 'mismatch' };

const keys = schema.idempotencyKeys;

/**
 * Claims (scope, key) for a request with hash `requestHash`, or says why not.
 * Each statement is its own short transaction: the claim must be visible to a
 * concurrent retry at once, long before the request itself commits.
 *
 * 1. INSERT … ON CONFLICT DO NOTHING: the first request wins the primary key.
 * 2. Otherwise the row is read: completed with the same hash → replay;
 *    another hash → mismatch; still running → running.
 * 3. Except that an expired row (whatever its request) or a running claim past
 *    its `locked_until` (same request: its process crashed) is taken over by an
 *    UPDATE guarded by that very condition, so only one retry wins it.
 */
export async function claimIdempotencyKey(
  deps: Pick<Deps, 'db' | 'clock'>,
  input: { scope: string; key: string; requestHash: string },
  timings: IdempotencyTimings,
): Promise<ClaimOutcome> {
  // More rounds cover a row pruned between our insert and our read, or a takeover lost to another retry.
  for (let attempt = 0; attempt < 3; attempt++) {
    const now = deps.clock.now();
    const lockedUntil = new Date(now.getTime() + timings.lockSeconds * 1000);
    const expiresAt = new Date(now.getTime() + timings.ttlSeconds * 1000);
    const inserted = await deps.db
      .insert(keys)
      .values({ ...input, status: 'running', createdAt: now, lockedUntil, expiresAt })
      .onConflictDoNothing()
      .returning({ lockedUntil: keys.lockedUntil });
    if (inserted[0]) return { kind: 'claimed', claim: { scope: input.scope, key: input.key, lockedUntil, takenOver: false } };

    const [row] = await deps.db
      .select({
        requestHash: keys.requestHash,
        status: keys.status,
        responseStatus: keys.responseStatus,
        responseHeaders: keys.responseHeaders,
        responseBody: keys.responseBody,
        lockedUntil: keys.lockedUntil,
        expiresAt: keys.expiresAt,
      })
      .from(keys)
      .where(and(eq(keys.scope, input.scope), eq(keys.key, input.key)));
    if (!row) continue;
    const expired = row.expiresAt.getTime() <= now.getTime();
    const stale = row.status === 'running' && row.lockedUntil.getTime() <= now.getTime() && row.requestHash === input.requestHash;
    if (expired || stale) {
      // Guarded by the same condition in SQL: of several retries, exactly one takes it over.
      const taken = await deps.db
        .update(keys)
        .set({
          requestHash: input.requestHash,
          status: 'running',
          responseStatus: null,
          responseHeaders: null,
          responseBody: null,
          createdAt: now,
          lockedUntil,
          completedAt: null,
          expiresAt,
        })
        .where(
          and(
            eq(keys.scope, input.scope),
            eq(keys.key, input.key),
            or(
              lte(keys.expiresAt, now),
              and(eq(keys.status, 'running'), lte(keys.lockedUntil, now), eq(keys.requestHash, input.requestHash)),
            ),
          ),
        )
        .returning({ scope: keys.scope });
      if (taken[0]) return { kind: 'claimed', claim: { scope: input.scope, key: input.key, lockedUntil, takenOver: true } };
      continue;
    }
    if (row.requestHash !== input.requestHash) return { kind: 'mismatch' };
    if (row.status === 'running') return { kind: 'running', lockedUntil: row.lockedUntil };
    return {
      kind: 'completed',
      response: { status: row.responseStatus ?? 200, headers: row.responseHeaders ?? {}, body: row.responseBody ?? '' },
    };
  }
  throw new Error(`idempotency key ${input.scope}/${input.key} kept changing under the claim`);
}
