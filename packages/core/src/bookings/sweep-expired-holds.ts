import { withTransaction } from '@fareway/db';
import type { Deps } from '../deps';
import { expireStaleHolds } from './expire-stale-holds';

/** Holds per transaction: short transactions, and a run cut short keeps what it committed. */
const CHUNK = 5_000;
/** Chunks in flight at once (each its own transaction and connection): Postgres does the work, on each core. */
const PARALLEL = 2;

/**
 * `expire-holds` (every minute): marks every lapsed hold expired, a chunk per
 * transaction until none is left, audits it and queues each customer's notice
 * (one statement per chunk; the notice as template + data). Only tidiness for inventory — a hold already
 * stops blocking at its expiresAt, because every new hold expires the stale
 * ones of its vehicle or trip under the lock first. Chunks run `parallel` at a
 * time and skip each other's rows (SKIP LOCKED), as two runs at once do; a run
 * killed half-way is finished by the next.
 */
export async function sweepExpiredHolds(
  deps: Pick<Deps, 'db' | 'clock' | 'config'>,
  options: { chunk?: number; parallel?: number } = {},
): Promise<{ expired: number }> {
  const now = deps.clock.now();
  const chunk = options.chunk ?? CHUNK;
  let expired = 0;
  const once = async () => {
    const ids = await withTransaction(deps.db, async (tx) =>
      // The customers hear that their holds lapsed, in the same statement (their notices written as template + data,
      // rendered when delivered), once each: the notice's key is the booking.
      expireStaleHolds(tx, {}, now, undefined, { limit: chunk, notice: 'booking.hold_expired' }),
    );
    expired += ids.length;
    return ids.length === chunk;
  };
  // Each loop stops when a chunk comes back short: nothing it could lock is left (rows another loop holds, that loop expires).
  const loop = async () => {
    while (await once());
  };
  // The every-minute run mostly finds nothing: one short transaction says so; only a full first chunk starts the loops.
  if (await once()) await Promise.all(Array.from({ length: Math.max(1, options.parallel ?? PARALLEL) }, loop));
  return { expired };
}
