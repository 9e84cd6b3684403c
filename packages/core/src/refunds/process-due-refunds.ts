import { schema } from '@fareway/db';
import { and, asc, eq, lt } from 'drizzle-orm';
import type { Deps } from '../deps';
import { processRefund, type RefundOutcome } from './process-refund';

/** A refund younger than this still has its own job on the way; the sweep leaves it to that job. */
const GRACE_MS = 60_000;

/**
 * `process-refunds` without a refund id (its schedule, or an admin's run):
 * executes the pending refunds older than a minute, oldest first, one by one
 * through the same processRefund as their own jobs. Each is idempotent (row
 * lock, status check, the journal unique per refund, the refund id as the
 * gateway's idempotency key), so this running beside those jobs, or twice, refunds nothing twice.
 */
export async function processDueRefunds(
  deps: Pick<Deps, 'db' | 'clock' | 'gateways' | 'log' | 'config' | 'jobs'>,
  input: { limit?: number } = {},
): Promise<Record<RefundOutcome | 'error', number>> {
  const r = schema.refunds;
  const due = await deps.db
    .select({ id: r.id })
    .from(r)
    .where(and(eq(r.status, 'pending'), lt(r.createdAt, new Date(deps.clock.now().getTime() - GRACE_MS))))
    .orderBy(asc(r.createdAt))
    .limit(input.limit ?? 100);
  const outcomes = { succeeded: 0, failed: 0, skipped: 0, error: 0 };
  for (const { id } of due) {
    try {
      outcomes[await processRefund(deps, { refundId: id })] += 1;
    } catch (error) {
      // Transient gateway trouble: the next run (or the refund's own job) tries again.
      deps.log.warn({ err: error, refundId: id }, 'refund sweep: not refunded this time');
      outcomes.error += 1;
    }
  }
  return outcomes;
}
