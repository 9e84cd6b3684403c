import { withTransaction } from '@fareway/db';
import { AppError } from '@fareway/domain';
import type { RequestOrigin } from '../audit/record-audit';
import { applyBookingEvent } from '../bookings/apply-booking-event';
import { loadBookingFor } from '../bookings/load-booking-for';
import { type PublicBooking, toPublicBooking } from '../bookings/public-booking';
import type { Deps } from '../deps';
import type { Actor } from '../identity/users';

/**
 * The driver hands the keys over (`start`: confirmed → active) or takes the
 * vehicle back (`complete`: active → completed). Only the vehicle's owner or
 * an admin; the customer cannot mark their own rental. The state machine in
 * `domain` refuses anything else (a pending hold cannot start).
 */
export async function handOverRental(
  deps: Deps,
  actor: Actor,
  input: { bookingId: string; event: 'start' | 'complete' },
  origin: RequestOrigin,
): Promise<PublicBooking> {
  return withTransaction(deps.db, async (tx) => {
    const { booking, access } = await loadBookingFor(tx, actor, input.bookingId, { forUpdate: true });
    if (booking.kind !== 'rental') throw new AppError('VALIDATION_ERROR', 'Only rentals are handed over');
    // Security: the customer could otherwise mark a rental active or done themselves.
    if (access === 'customer') throw new AppError('FORBIDDEN', "Only the vehicle's owner records the handover");
    const updated = await applyBookingEvent(tx, booking, input.event, { at: deps.clock.now(), actorUserId: actor.userId, origin });
    return toPublicBooking(tx, updated);
  });
}
