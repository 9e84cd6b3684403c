import { schema, withTransaction } from '@fareway/db';
import { type BookingEvent, decideTripTransition, TRIP_EVENT_FOR } from '@fareway/domain';
import { and, eq, inArray } from 'drizzle-orm';
import { type RequestOrigin, recordAudit } from '../audit/record-audit';
import { applyBookingEvent } from '../bookings/apply-booking-event';
import { lockInventory } from '../bookings/booking-locks';
import type { Deps } from '../deps';
import type { Actor } from '../identity/users';
import { loadOperatorTrip, loadTripStops, type OperatorTrip, toOperatorTrip, tripNames } from './trip-rows';

/**
 * The operator moves a trip along: boarding, departed, completed. Its bookings
 * follow through the booking state machine in the same transaction: on
 * departure, unpaid holds lapse (a late payment is then refused, the trip has
 * left) and sold seats become active; on completion, active ones complete.
 */
export async function setTripStatus(
  deps: Deps,
  actor: Actor,
  input: { organizationId: string; tripId: string; status: 'boarding' | 'departed' | 'completed' },
  origin: RequestOrigin,
): Promise<OperatorTrip> {
  return withTransaction(deps.db, async (tx) => {
    // Lock order everywhere: the trip's inventory lock, then rows.
    await lockInventory(tx, { kind: 'trip', id: input.tripId });
    const { trip } = await loadOperatorTrip(tx, actor, input, { forUpdate: true });
    const to = decideTripTransition(trip.status, TRIP_EVENT_FOR[input.status]);
    const now = deps.clock.now();
    const follow: Array<{ from: 'pending' | 'confirmed' | 'active'; event: BookingEvent }> =
      to === 'departed'
        ? [
            { from: 'pending', event: 'expire' },
            { from: 'confirmed', event: 'start' },
          ]
        : to === 'completed'
          ? [{ from: 'active', event: 'complete' }]
          : [];
    const moved: Record<string, number> = {};
    if (follow.length > 0) {
      const bookings = await tx
        .select()
        .from(schema.bookings)
        .where(
          and(
            eq(schema.bookings.tripId, trip.id),
            inArray(
              schema.bookings.status,
              follow.map((f) => f.from),
            ),
          ),
        )
        .for('update');
      for (const booking of bookings) {
        const step = follow.find((f) => f.from === booking.status);
        if (!step) continue;
        await applyBookingEvent(tx, booking, step.event, { at: now, actorUserId: actor.userId, origin, note: { trip: to } });
        moved[step.event] = (moved[step.event] ?? 0) + 1;
      }
    }
    const [updated] = await tx.update(schema.trips).set({ status: to, updatedAt: now }).where(eq(schema.trips.id, trip.id)).returning();
    await recordAudit(tx, now, origin, {
      actorUserId: actor.userId,
      action: `trip.${to}`,
      subjectType: 'trip',
      subjectId: trip.id,
      before: { status: trip.status },
      after: { status: to, bookings: moved },
    });
    const names = (await tripNames(tx, [trip.id])).get(trip.id);
    if (!updated || !names) throw new Error('trip vanished while locked');
    return toOperatorTrip(updated, names, await loadTripStops(tx, trip.id));
  });
}
