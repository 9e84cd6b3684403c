import { schema } from '@fareway/db';
import type { BookingStatus } from '@fareway/domain';
import { and, eq, ne } from 'drizzle-orm';
import type { Deps } from '../deps';
import type { Actor } from '../identity/users';
import { compareSeatNos } from '../seats/seat-occupancy';
import { loadOperatorTrip, loadTripStops, type OperatorTrip, toOperatorTrip, tripNames } from './trip-rows';

export interface ManifestEntry {
  seatNo: string;
  passengerName: string | null;
  fromStop: number;
  toStop: number;
  bookingId: string;
  /** The booking's status (`pending` = an unpaid hold that has not lapsed). */
  status: BookingStatus;
  fareMinor: number;
  customer: { name: string | null; phone: string | null };
}

export interface TripManifest {
  trip: OperatorTrip;
  passengers: ManifestEntry[];
  counts: { held: number; sold: number; cancelled: number };
}

/**
 * The operator's manifest of a trip: every seat reservation that is or was
 * promised (lapsed holds left out), by seat, with the passenger, the leg and
 * the booking's status; the customer's phone so the crew can call.
 */
export async function getTripManifest(
  deps: Pick<Deps, 'db' | 'clock'>,
  actor: Actor,
  input: { organizationId: string; tripId: string },
): Promise<TripManifest> {
  const { trip } = await loadOperatorTrip(deps.db, actor, input);
  const now = deps.clock.now();
  const [names, stops, rows] = await Promise.all([
    tripNames(deps.db, [trip.id]),
    loadTripStops(deps.db, trip.id),
    deps.db
      .select({
        seatNo: schema.seatReservations.seatNo,
        passengerName: schema.seatReservations.passengerName,
        fromStop: schema.seatReservations.fromStop,
        toStop: schema.seatReservations.toStop,
        fareMinor: schema.seatReservations.fareMinor,
        bookingId: schema.bookings.id,
        status: schema.bookings.status,
        expiresAt: schema.bookings.expiresAt,
        customerName: schema.users.name,
        customerPhone: schema.users.phone,
      })
      .from(schema.seatReservations)
      .innerJoin(schema.bookings, eq(schema.bookings.id, schema.seatReservations.bookingId))
      .innerJoin(schema.users, eq(schema.users.id, schema.bookings.customerId))
      .where(and(eq(schema.seatReservations.tripId, trip.id), ne(schema.bookings.status, 'expired'))),
  ]);
  const name = names.get(trip.id);
  if (!name) throw new Error('trip without route or bus');
  const passengers: ManifestEntry[] = rows
    .filter((r) => !(r.status === 'pending' && r.expiresAt && r.expiresAt.getTime() <= now.getTime()))
    .map((r) => ({
      seatNo: r.seatNo,
      passengerName: r.passengerName,
      fromStop: r.fromStop,
      toStop: r.toStop,
      bookingId: r.bookingId,
      status: r.status,
      fareMinor: r.fareMinor,
      customer: { name: r.customerName, phone: r.customerPhone },
    }))
    .sort((a, b) => compareSeatNos(a.seatNo, b.seatNo) || a.fromStop - b.fromStop);
  const counts = { held: 0, sold: 0, cancelled: 0 };
  for (const p of passengers) {
    if (p.status === 'pending') counts.held += 1;
    else if (p.status === 'cancelled') counts.cancelled += 1;
    else counts.sold += 1;
  }
  return { trip: toOperatorTrip(trip, name, stops), passengers, counts };
}
