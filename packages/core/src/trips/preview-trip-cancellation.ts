import { schema } from '@fareway/db';
import { type CancellationPolicy, decideTripTransition, refundOnCancel } from '@fareway/domain';
import { and, asc, eq, gt, inArray, isNull, ne, or } from 'drizzle-orm';
import type { Deps } from '../deps';
import type { Actor } from '../identity/users';
import { compareSeatNos } from '../seats/seat-occupancy';
import { loadOperatorTrip } from './trip-rows';

export interface TripCancellationPreview {
  tripId: string;
  /** Each booking the cancellation would cancel, with the refund it would be owed. */
  bookings: Array<{
    bookingId: string;
    status: 'pending' | 'confirmed';
    customer: { name: string | null; phone: string | null };
    seats: string[];
    paidMinor: number;
    refundMinor: number;
  }>;
  cancelledBookings: number;
  refundDueMinor: number;
  currency: string;
}

/**
 * What `cancelTrip` would do now, without doing it: the bookings it would
 * cancel (live holds and sales; lapsed holds only expire) and the refund each
 * is owed, decided by the same policy function. A trip that can no longer be
 * cancelled answers the same VALIDATION_ERROR the cancellation would.
 */
export async function previewTripCancellation(
  deps: Pick<Deps, 'db' | 'clock'>,
  actor: Actor,
  input: { organizationId: string; tripId: string },
): Promise<TripCancellationPreview> {
  const { trip, isMember } = await loadOperatorTrip(deps.db, actor, input);
  decideTripTransition(trip.status, 'cancel');
  const now = deps.clock.now();
  const b = schema.bookings;
  const rows = await deps.db
    .select({
      id: b.id,
      status: b.status,
      policy: b.policy,
      paidMinor: b.paidMinor,
      startsAt: b.startsAt,
      customerName: schema.users.name,
      customerPhone: schema.users.phone,
    })
    .from(b)
    .innerJoin(schema.users, eq(schema.users.id, b.customerId))
    .where(
      and(
        eq(b.tripId, trip.id),
        inArray(b.status, ['pending', 'confirmed']),
        // A lapsed hold is expired by the cancellation, not cancelled: nothing is owed to it.
        or(ne(b.status, 'pending'), isNull(b.expiresAt), gt(b.expiresAt, now)),
      ),
    )
    .orderBy(asc(b.createdAt), asc(b.id));
  const seats =
    rows.length === 0
      ? []
      : await deps.db
          .select({ bookingId: schema.seatReservations.bookingId, seatNo: schema.seatReservations.seatNo })
          .from(schema.seatReservations)
          .where(
            and(
              eq(schema.seatReservations.tripId, trip.id),
              inArray(
                schema.seatReservations.bookingId,
                rows.map((r) => r.id),
              ),
            ),
          );
  const bookings = rows.map((row) => ({
    bookingId: row.id,
    status: row.status as 'pending' | 'confirmed',
    customer: { name: row.customerName, phone: row.customerPhone },
    seats: seats
      .filter((s) => s.bookingId === row.id)
      .map((s) => s.seatNo)
      .sort(compareSeatNos),
    paidMinor: row.paidMinor,
    // Money: the same rule cancelTrip applies (the operator cancelling owes back all that was paid).
    refundMinor: refundOnCancel(row.policy as CancellationPolicy, row.paidMinor, now, row.startsAt, isMember ? 'partner' : 'platform'),
  }));
  return {
    tripId: trip.id,
    bookings,
    cancelledBookings: bookings.length,
    refundDueMinor: bookings.reduce((sum, booking) => sum + booking.refundMinor, 0),
    currency: trip.currency,
  };
}
