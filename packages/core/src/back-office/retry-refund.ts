import { schema, withTransaction } from '@fareway/db';
import { AppError } from '@fareway/domain';
import { queues } from '@fareway/jobs';
import { eq } from 'drizzle-orm';
import { type RequestOrigin, recordAudit } from '../audit/record-audit';
import type { Deps } from '../deps';
import type { Actor } from '../identity/users';
import { type AdminRefund, toAdminRefund } from './get-admin-booking';

/**
 * Admin: tries a failed refund again. It goes back to pending — the refunds
 * trigger counts it against the capture again, so if the money was refunded
 * some other way meanwhile the database refuses (REFUND_EXCEEDS_CAPTURED) —
 * and its `process-refunds` job is enqueued in the same transaction.
 */
export async function retryRefund(
  deps: Pick<Deps, 'db' | 'clock' | 'jobs'>,
  actor: Actor,
  input: { refundId: string },
  origin: RequestOrigin,
): Promise<AdminRefund> {
  return withTransaction(deps.db, async (tx) => {
    const now = deps.clock.now();
    const [refund] = await tx.select().from(schema.refunds).where(eq(schema.refunds.id, input.refundId)).for('update');
    if (!refund) throw new AppError('REFUND_NOT_FOUND', 'No such refund');
    if (refund.status !== 'failed')
      throw new AppError('REFUND_NOT_RETRYABLE', `The refund is ${refund.status}; only a failed one is retried`);
    const [pending] = await tx
      .update(schema.refunds)
      .set({ status: 'pending', updatedAt: now })
      .where(eq(schema.refunds.id, refund.id))
      .returning();
    if (!pending) throw new Error('update returned nothing');
    await deps.jobs.send(tx, queues.processRefunds, { refundId: refund.id });
    await recordAudit(tx, now, origin, {
      actorUserId: actor.userId,
      action: 'refund.retried',
      subjectType: 'refund',
      subjectId: refund.id,
      before: { status: 'failed', lastError: refund.lastError },
      after: { status: 'pending' },
    });
    return toAdminRefund(pending);
  });
}
