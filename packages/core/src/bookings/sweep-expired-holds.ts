import { withTransaction } from '@fareway/db';
import type { Deps } from '../deps';
import { queueBookingNoticesAsData } from '../notifications/queue-booking-notice';
import { expireStaleHolds } from './expire-stale-holds';

/** Holds per transaction: short transactions, and a run cut short keeps what it committed. */
const CHUNK = 5_000;
/** Chunks in flight at once (each its own transaction and connection): one renders notices while another writes. */
const PARALLEL = 2;

/**
 * `expire-holds` (every minute): marks every lapsed hold expired, a chunk per
 * transaction until none is left, and queues each customer's notice (one INSERT ... SELECT per chunk, as template + data). Only tidiness for inventory — a hold already
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
  // Each loop stops when a chunk comes back short: nothing it could lock is left (rows another loop holds, that loop expires).
  const loop = async () => {
    for (;;) {
      const ids = await withTransaction(deps.db, async (tx) => {
        const lapsed = await expireStaleHolds(tx, {}, now, undefined, { limit: chunk });
        // The customers hear that their holds lapsed, in the same transaction, set-based (one INSERT ... SELECT for the
        // chunk, rendered when delivered), once each: the notice's key is the booking.
        await queueBookingNoticesAsData(tx, deps, { bookingIds: lapsed, template: 'booking.hold_expired' });
        return lapsed;
      });
      expired += ids.length;
      if (ids.length < chunk) return;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.parallel ?? PARALLEL) }, loop));
  return { expired };
}
