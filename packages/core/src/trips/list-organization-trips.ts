import { schema } from '@fareway/db';
import type { TripState } from '@fareway/domain';
import { and, asc, count, eq, gte, inArray, lt, type SQL, sql } from 'drizzle-orm';
import type { Deps } from '../deps';
import type { Page } from '../identity/list-users';
import type { Actor } from '../identity/users';
import { loadOrganizationFor } from '../organizations/organizations';
import { liveAt } from '../seats/seat-occupancy';
import { type OperatorTrip, toOperatorTrip, tripNames } from './trip-rows';

export interface OperatorTripListItem extends OperatorTrip {
  /** Seat reservations held or sold on the trip now (a seat sold on two legs counts twice). */
  liveReservations: number;
}

/** The operator's trips departing in [from, to) (default: from now on), earliest first. */
export async function listOrganizationTrips(
  deps: Pick<Deps, 'db' | 'clock'>,
  actor: Actor,
  input: { organizationId: string; from?: Date; to?: Date; status?: TripState; page: number; limit: number },
): Promise<Page<OperatorTripListItem>> {
  await loadOrganizationFor(deps.db, actor, input.organizationId);
  const now = deps.clock.now();
  const filters: SQL[] = [eq(schema.trips.organizationId, input.organizationId), gte(schema.trips.departsAt, input.from ?? now)];
  if (input.to) filters.push(lt(schema.trips.departsAt, input.to));
  if (input.status) filters.push(eq(schema.trips.status, input.status));
  const where = and(...filters);
  const [trips, [total]] = await Promise.all([
    deps.db
      .select()
      .from(schema.trips)
      .where(where)
      .orderBy(asc(schema.trips.departsAt), asc(schema.trips.id))
      .limit(input.limit)
      .offset((input.page - 1) * input.limit),
    deps.db.select({ n: count() }).from(schema.trips).where(where),
  ]);
  const ids = trips.map((t) => t.id);
  if (ids.length === 0) return { items: [], meta: { page: input.page, limit: input.limit, total: total?.n ?? 0 } };
  const [names, stops, live] = await Promise.all([
    tripNames(deps.db, ids),
    deps.db.select().from(schema.tripStops).where(inArray(schema.tripStops.tripId, ids)),
    deps.db
      .select({ tripId: schema.seatReservations.tripId, n: sql<number>`count(*)::int` })
      .from(schema.seatReservations)
      .innerJoin(schema.bookings, eq(schema.bookings.id, schema.seatReservations.bookingId))
      .where(and(inArray(schema.seatReservations.tripId, ids), liveAt(now)))
      .groupBy(schema.seatReservations.tripId),
  ]);
  const items = trips.flatMap((trip) => {
    const name = names.get(trip.id);
    if (!name) return [];
    return [{ ...toOperatorTrip(trip, name, stops), liveReservations: live.find((l) => l.tripId === trip.id)?.n ?? 0 }];
  });
  return { items, meta: { page: input.page, limit: input.limit, total: total?.n ?? 0 } };
}
