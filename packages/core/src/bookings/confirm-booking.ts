import { schema, type Transaction, withTransaction } from '@fareway/db';
import { AppError } from '@fareway/domain';
import { eq } from 'drizzle-orm';
import type { RequestOrigin } from '../audit/record-audit';
import type { Deps } from '../deps';
import { queueBookingNotice } from '../notifications/queue-booking-notice';
import { applyBookingEvent } from './apply-booking-event';
import { lockBooking, resourceOf } from './booking-locks';
import { expireStaleHolds } from './expire-stale-holds';
import type { BookingRow } from './public-booking';

/**
 * Payment confirmed: the hold becomes a sale. Called by the payments work
 * inside its own flow (one transaction with the ledger journal when `tx` is
 * given). A payment that arrives after the hold lapsed re-acquires the
 * inventory if it is still free (the exclusion constraints decide, raising
 * BOOKING_CONFLICT / SEATS_UNAVAILABLE); the caller then refunds.
 */
export async function confirmBookingInTransaction(
  tx: Transaction,
  deps: Pick<Deps, 'clock' | 'config' | 'jobs'>,
  input: { bookingId: string; paidMinor: number; actorUserId?: string | null },
  origin: RequestOrigin,
): Promise<BookingRow> {
  const now = deps.clock.now();
  const booking = await lockBooking(tx, input.bookingId);
  if (!booking) throw new AppError('BOOKING_NOT_FOUND', 'No such booking');
  const resource = resourceOf(booking);
  if (!Number.isSafeInteger(input.paidMinor) || input.paidMinor < 0) throw new RangeError('paidMinor must be a non-negative integer');
  const set = { paidMinor: input.paidMinor, confirmedAt: now };
  if (booking.status === 'expired') {
    if (resource.kind === 'trip') {
      const [trip] = await tx.select({ status: schema.trips.status }).from(schema.trips).where(eq(schema.trips.id, resource.id));
      if (trip?.status !== 'scheduled' && trip?.status !== 'boarding')
        throw new AppError('SEATS_UNAVAILABLE', 'The trip no longer takes bookings');
    }
    // Other lapsed holds must not stand in the way of a paid one.
    await expireStaleHolds(tx, resource.kind === 'vehicle' ? { vehicleId: resource.id } : { tripId: resource.id }, now, origin);
    const reacquired = await applyBookingEvent(tx, booking, 'reacquire', { at: now, actorUserId: input.actorUserId ?? null, origin, set });
    await queueBookingNotice(tx, deps, { bookingId: booking.id, template: 'booking.confirmed' });
    return reacquired;
  }
  const confirmed = await applyBookingEvent(tx, booking, 'confirm', { at: now, actorUserId: input.actorUserId ?? null, origin, set });
  // The customer hears of it in the same transaction (a savepoint that rolls back takes the notice with it).
  await queueBookingNotice(tx, deps, { bookingId: booking.id, template: 'booking.confirmed' });
  return confirmed;
}

/** confirmBooking as a use case of its own (one transaction). */
export async function confirmBooking(
  deps: Pick<Deps, 'db' | 'clock' | 'config' | 'jobs'>,
  input: { bookingId: string; paidMinor: number; actorUserId?: string | null },
  origin: RequestOrigin = { ip: null, requestId: null },
): Promise<BookingRow> {
  return withTransaction(deps.db, (tx) => confirmBookingInTransaction(tx, deps, input, origin));
}
