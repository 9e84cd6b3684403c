import { newId, schema, type Transaction } from '@fareway/db';
import { queues } from '@fareway/jobs';
import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { Deps } from '../deps';
import type { PaymentRow } from '../payments/public-payment';

export type RefundRow = typeof schema.refunds.$inferSelect;

/**
 * Writes a refund owed on a captured payment and enqueues its execution, in
 * the caller's transaction (the job exists exactly when the refund does). The
 * database refuses one above what is left of the capture
 * (REFUND_EXCEEDS_CAPTURED, via the refunds trigger and its check). Money goes
 * back the way it came: to the gateway, or to the wallet for wallet payments
 * (or when the customer asks for the wallet).
 */
export async function createRefundInTransaction(
  tx: Transaction,
  deps: Pick<Deps, 'jobs'>,
  input: {
    payment: Pick<PaymentRow, 'id' | 'bookingId' | 'customerId' | 'currency' | 'provider'>;
    amountMinor: number;
    reason: RefundRow['reason'];
    /** Why, in an admin's words (manual refunds). */
    note?: string | null;
    destination?: RefundRow['destination'];
    at: Date;
  },
): Promise<RefundRow> {
  const id = newId();
  const [refund] = await tx
    .insert(schema.refunds)
    .values({
      id,
      paymentId: input.payment.id,
      bookingId: input.payment.bookingId,
      customerId: input.payment.customerId,
      amountMinor: input.amountMinor,
      currency: input.payment.currency,
      reason: input.reason,
      note: input.note ?? null,
      destination: input.destination ?? (input.payment.provider === 'wallet' ? 'wallet' : 'gateway'),
      status: 'pending',
      createdAt: input.at,
      updatedAt: input.at,
    })
    .returning();
  if (!refund) throw new Error('insert returned nothing');
  await deps.jobs.send(tx, queues.processRefunds, { refundId: id });
  return refund;
}

/**
 * Called by cancelLockedBooking in its transaction: the refund the snapshotted
 * policy gives, against the payment that paid the booking (none when it was
 * never paid through Fareway's payments, e.g. confirmed by hand).
 */
export async function refundCancelledBooking(
  tx: Transaction,
  deps: Pick<Deps, 'jobs'>,
  input: { bookingId: string; refundDueMinor: number; at: Date; destination?: RefundRow['destination'] },
): Promise<RefundRow | null> {
  if (input.refundDueMinor <= 0) return null;
  const [payment] = await tx
    .select()
    .from(schema.payments)
    .where(
      and(
        eq(schema.payments.bookingId, input.bookingId),
        inArray(schema.payments.status, ['completed', 'partially_refunded']),
        isNull(schema.payments.orphanedAt),
      ),
    )
    .orderBy(desc(schema.payments.completedAt))
    .limit(1);
  if (!payment) return null;
  // Money: never more than what is left of that capture (the database checks it again).
  const amountMinor = Math.min(input.refundDueMinor, payment.capturedMinor - payment.refundedMinor);
  if (amountMinor <= 0) return null;
  return createRefundInTransaction(tx, deps, {
    payment,
    amountMinor,
    reason: 'cancellation',
    at: input.at,
    destination: input.destination,
  });
}
