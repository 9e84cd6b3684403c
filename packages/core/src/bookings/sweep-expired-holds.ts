import { withTransaction } from '@fareway/db';
import type { Deps } from '../deps';
import { expireStaleHolds } from './expire-stale-holds';

/**
 * The cron sweep: marks every lapsed hold expired. Only tidiness — a hold
 * already stops blocking at its expiresAt, because every new hold expires the
 * stale ones of its vehicle or trip under the lock first.
 */
export async function sweepExpiredHolds(deps: Pick<Deps, 'db' | 'clock'>): Promise<{ expired: number }> {
  const ids = await withTransaction(deps.db, (tx) => expireStaleHolds(tx, {}, deps.clock.now()));
  return { expired: ids.length };
}
