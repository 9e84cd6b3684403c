import { type Transaction, withTransaction } from '@fareway/db';
import { AppError, type CancellationPolicy, type CancelledBy, refundOnCancel } from '@fareway/domain';
import type { RequestOrigin } from '../audit/record-audit';
import type { Deps } from '../deps';
import type { Actor } from '../identity/users';
import { queueBookingNotice } from '../notifications/queue-booking-notice';
import { refundCancelledBooking } from '../refunds/create-refund';
import { applyBookingEvent } from './apply-booking-event';
import { loadBookingFor } from './load-booking-for';
import { type BookingRow, type PublicBooking, toPublicBooking } from './public-booking';

/**
 * Cancels a row-locked booking and records the refund the snapshotted policy
 * owes; when the booking was paid, the refund row is created and its
 * `process-refunds` job enqueued in this same transaction (`jobs`), with the
 * customer's notice.
 * Shared by a customer's cancellation, a partner's and an operator cancelling a whole trip.
 */
export async function cancelLockedBooking(
  tx: Transaction,
  booking: BookingRow,
  context: {
    at: Date;
    cancelledBy: CancelledBy;
    actorUserId: string | null;
    reason: string | null;
    origin: RequestOrigin;
    /** Queues the refund's job and the customer's notice in this transaction. */
    deps: Pick<Deps, 'clock' | 'config' | 'jobs'>;
    /** The notice the customer gets: their own cancellation's, or the operator's trip cancellation. */
    notice?: 'booking.cancelled' | 'trip.cancelled';
    /** Where the refund goes: unset, back the way the money came (see createRefundInTransaction). */
    refundDestination?: 'gateway' | 'wallet';
  },
): Promise<BookingRow> {
  // Money: the refund is decided once, here, from the policy the customer was sold under.
  const refundDueMinor = refundOnCancel(
    booking.policy as CancellationPolicy,
    booking.paidMinor,
    context.at,
    booking.startsAt,
    context.cancelledBy,
  );
  const cancelled = await applyBookingEvent(tx, booking, 'cancel', {
    at: context.at,
    actorUserId: context.actorUserId,
    origin: context.origin,
    set: { cancelledAt: context.at, cancelledBy: context.actorUserId, cancellationReason: context.reason, refundDueMinor },
    note: { cancelledBy: context.cancelledBy, refundDueMinor, currency: booking.currency },
  });
  await refundCancelledBooking(tx, context.deps, {
    bookingId: booking.id,
    refundDueMinor,
    at: context.at,
    destination: context.refundDestination,
  });
  await queueBookingNotice(tx, context.deps, {
    bookingId: booking.id,
    template: context.notice ?? 'booking.cancelled',
    reason: context.reason,
  });
  return cancelled;
}

/** `POST /bookings/{id}/cancel`: the customer, the providing partner or an admin cancels a pending or confirmed booking. */
export async function cancelBooking(
  deps: Deps,
  actor: Actor,
  input: { bookingId: string; reason?: string; refundTo?: 'original' | 'wallet' },
  origin: RequestOrigin,
): Promise<PublicBooking> {
  return withTransaction(deps.db, async (tx) => {
    const { booking, access } = await loadBookingFor(tx, actor, input.bookingId, { forUpdate: true });
    const cancelledBy: CancelledBy = access === 'customer' ? 'customer' : access === 'partner' ? 'partner' : 'platform';
    if (input.refundTo === 'wallet') {
      // Money: the wallet is the customer's, and holds one currency; nobody else may send their refund there.
      if (access !== 'customer') {
        throw new AppError('VALIDATION_ERROR', 'Only the customer may choose where their refund goes', {
          details: [{ path: 'refundTo', message: 'Only the customer may choose the wallet' }],
        });
      }
      if (booking.currency !== deps.config.payments.walletCurrency) {
        throw new AppError(
          'VALIDATION_ERROR',
          `The wallet holds ${deps.config.payments.walletCurrency}; this booking was paid in ${booking.currency}`,
          {
            details: [{ path: 'refundTo', message: `The wallet holds ${deps.config.payments.walletCurrency} only` }],
          },
        );
      }
    }
    const cancelled = await cancelLockedBooking(tx, booking, {
      at: deps.clock.now(),
      cancelledBy,
      actorUserId: actor.userId,
      reason: input.reason?.trim() || null,
      origin,
      deps,
      refundDestination: input.refundTo === 'wallet' ? 'wallet' : undefined,
    });
    return toPublicBooking(tx, cancelled);
  });
}
