import { schema, withTransaction } from '@fareway/db';
import { AppError } from '@fareway/domain';
import { asc, eq } from 'drizzle-orm';
import { type RequestOrigin, recordAudit } from '../audit/record-audit';
import type { Deps } from '../deps';
import type { Actor } from '../identity/users';
import { createRefundInTransaction } from '../refunds/create-refund';
import { type AdminRefund, refundablePayment, toAdminRefund } from './get-admin-booking';

/**
 * Admin: a manual (partial) refund of a booking, with the admin's reason. It
 * comes out of the payment that paid the booking; the database refuses more
 * than what is left of that capture (REFUND_EXCEEDS_CAPTURED, via the refunds
 * trigger under the payment's row lock), so two admins racing for the last
 * money cannot both succeed. Executed by the `process-refunds` job like any refund.
 */
export async function refundBooking(
  deps: Pick<Deps, 'db' | 'clock' | 'jobs'>,
  actor: Actor,
  input: { bookingId: string; amountMinor: number; reason: string },
  origin: RequestOrigin,
): Promise<AdminRefund> {
  return withTransaction(deps.db, async (tx) => {
    const now = deps.clock.now();
    const [booking] = await tx.select().from(schema.bookings).where(eq(schema.bookings.id, input.bookingId)).limit(1);
    if (!booking) throw new AppError('BOOKING_NOT_FOUND', 'No such booking');
    const payments = await tx
      .select()
      .from(schema.payments)
      .where(eq(schema.payments.bookingId, booking.id))
      .orderBy(asc(schema.payments.createdAt))
      .for('update');
    const payment = refundablePayment(payments);
    // Money: a refund is bounded by what is left of the capture; the trigger and check say it again.
    const left = payment ? payment.capturedMinor - payment.refundedMinor : 0;
    if (!payment || input.amountMinor > left) {
      throw new AppError('REFUND_EXCEEDS_CAPTURED', `At most ${left} ${booking.currency} (minor units) is left to refund`, {
        details: [{ path: 'amountMinor', message: `at most ${left}` }],
      });
    }
    const refund = await createRefundInTransaction(tx, deps, {
      payment,
      amountMinor: input.amountMinor,
      reason: 'admin',
      note: input.reason,
      at: now,
    });
    await recordAudit(tx, now, origin, {
      actorUserId: actor.userId,
      action: 'refund.created',
      subjectType: 'refund',
      subjectId: refund.id,
      after: {
        bookingId: booking.id,
        paymentId: payment.id,
        amountMinor: refund.amountMinor,
        currency: refund.currency,
        reason: input.reason,
      },
    });
    return toAdminRefund(refund);
  });
}
