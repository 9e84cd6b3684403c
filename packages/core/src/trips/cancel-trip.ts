import { schema, withTransaction } from '@fareway/db';
import { decideTripTransition } from '@fareway/domain';
import { and, eq, inArray } from 'drizzle-orm';
import { type RequestOrigin, recordAudit } from '../audit/record-audit';
import { lockInventory } from '../bookings/booking-locks';
import { cancelLockedBooking } from '../bookings/cancel-booking';
import { expireStaleHolds } from '../bookings/expire-stale-holds';
import type { Deps } from '../deps';
import type { Actor } from '../identity/users';
import { emitPartnerEvents } from '../webhooks/emit-partner-event';
import { loadOperatorTrip, loadTripStops, type OperatorTrip, toOperatorTrip, tripNames } from './trip-rows';

export interface CancelTripResult {
  trip: OperatorTrip;
  cancelledBookings: number;
  /** What the cancelled bookings are owed back, together (the payments work pays it out). */
  refundDueMinor: number;
  currency: string;
}

/**
 * The operator (or an admin) cancels a trip that has not left: every pending
 * and confirmed booking on it is cancelled in the same transaction, each with
 * a full refund due (the customer is not at fault), and it is all audited.
 */
export async function cancelTrip(
  deps: Deps,
  actor: Actor,
  input: { organizationId: string; tripId: string; reason?: string },
  origin: RequestOrigin,
): Promise<CancelTripResult> {
  return withTransaction(deps.db, async (tx) => {
    await lockInventory(tx, { kind: 'trip', id: input.tripId });
    const { trip, isMember } = await loadOperatorTrip(tx, actor, input, { forUpdate: true });
    const to = decideTripTransition(trip.status, 'cancel');
    const now = deps.clock.now();
    const reason = input.reason?.trim() || null;
    // Lapsed holds are expired, not cancelled: nothing was promised to them.
    await expireStaleHolds(tx, { tripId: trip.id }, now, origin);
    const bookings = await tx
      .select()
      .from(schema.bookings)
      .where(and(eq(schema.bookings.tripId, trip.id), inArray(schema.bookings.status, ['pending', 'confirmed'])))
      .for('update');
    let refundDueMinor = 0;
    for (const booking of bookings) {
      // Money: refundOnCancel gives back all that was paid when the partner (or the platform) cancels.
      const cancelled = await cancelLockedBooking(tx, booking, {
        at: now,
        cancelledBy: isMember ? 'partner' : 'platform',
        actorUserId: actor.userId,
        reason: reason ?? 'Trip cancelled by the operator',
        origin,
        // A paid booking's refund is queued for the payments work in this same transaction, with the customer's notice.
        deps,
        notice: 'trip.cancelled',
      });
      refundDueMinor += cancelled.refundDueMinor ?? 0;
    }
    const [updated] = await tx
      .update(schema.trips)
      .set({ status: to, cancelledAt: now, cancellationReason: reason, updatedAt: now })
      .where(eq(schema.trips.id, trip.id))
      .returning();
    await recordAudit(tx, now, origin, {
      actorUserId: actor.userId,
      action: 'trip.cancelled',
      subjectType: 'trip',
      subjectId: trip.id,
      before: { status: trip.status },
      after: { status: to, reason, cancelledBookings: bookings.length, refundDueMinor, currency: trip.currency },
    });
    const names = (await tripNames(tx, [trip.id])).get(trip.id);
    if (!updated || !names) throw new Error('trip vanished while locked');
    await emitPartnerEvents(
      tx,
      [
        {
          type: 'trip.cancelled',
          organizationId: updated.organizationId,
          data: {
            trip: {
              id: updated.id,
              organizationId: updated.organizationId,
              departsAt: updated.departsAt.toISOString(),
              status: updated.status,
              reason,
            },
            cancelledBookings: bookings.length,
            refundDueMinor,
            currency: trip.currency,
          },
        },
      ],
      now,
    );
    return {
      trip: toOperatorTrip(updated, names, await loadTripStops(tx, trip.id)),
      cancelledBookings: bookings.length,
      refundDueMinor,
      currency: trip.currency,
    };
  });
}
