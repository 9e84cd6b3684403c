import { type DatabaseOrTransaction, schema } from '@fareway/db';
import { AppError } from '@fareway/domain';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Actor } from '../identity/users';
import { loadOrganizationFor, type OrganizationRow } from '../organizations/organizations';

export type TripRow = typeof schema.trips.$inferSelect;
export type TripStopRow = typeof schema.tripStops.$inferSelect;

/** A trip as its operator manages it. */
export interface OperatorTrip {
  id: string;
  organizationId: string;
  routeId: string;
  routeName: string;
  busId: string;
  busName: string;
  status: TripRow['status'];
  departsAt: string;
  arrivesAt: string;
  timeZone: string;
  currency: string;
  stops: Array<{ position: number; name: string; city: string; arrivesAt: string; departsAt: string; fareToNextMinor: number | null }>;
  seatCount: number;
  cancelledAt: string | null;
  cancellationReason: string | null;
}

export function toOperatorTrip(
  trip: TripRow,
  names: { routeName: string; busName: string; seatCount: number },
  stops: readonly TripStopRow[],
): OperatorTrip {
  return {
    id: trip.id,
    organizationId: trip.organizationId,
    routeId: trip.routeId,
    routeName: names.routeName,
    busId: trip.busId,
    busName: names.busName,
    status: trip.status,
    departsAt: trip.departsAt.toISOString(),
    arrivesAt: trip.arrivesAt.toISOString(),
    timeZone: trip.timeZone,
    currency: trip.currency,
    stops: stops
      .filter((s) => s.tripId === trip.id)
      .sort((a, b) => a.position - b.position)
      .map((s) => ({
        position: s.position,
        name: s.name,
        city: s.city,
        arrivesAt: s.arrivesAt.toISOString(),
        departsAt: s.departsAt.toISOString(),
        fareToNextMinor: s.fareToNextMinor,
      })),
    seatCount: names.seatCount,
    cancelledAt: trip.cancelledAt?.toISOString() ?? null,
    cancellationReason: trip.cancellationReason,
  };
}

export async function loadTripStops(tx: DatabaseOrTransaction, tripId: string): Promise<TripStopRow[]> {
  return tx
    .select()
    .from(schema.tripStops)
    .where(eq(schema.tripStops.tripId, tripId))
    .orderBy(asc(schema.tripStops.position))
    .prepare('trip_stops_of_trip')
    .execute();
}

/**
 * A trip of an organization the actor belongs to (or any, for an admin); a trip
 * of another operator answers TRIP_NOT_FOUND exactly like a missing one.
 * `forUpdate` row-locks the trip.
 */
export async function loadOperatorTrip(
  tx: DatabaseOrTransaction,
  actor: Actor,
  input: { organizationId: string; tripId: string },
  options: { forUpdate?: boolean } = {},
): Promise<{ trip: TripRow; organization: OrganizationRow; isMember: boolean }> {
  const { organization, role } = await loadOrganizationFor(tx, actor, input.organizationId);
  const query = tx
    .select()
    .from(schema.trips)
    .where(and(eq(schema.trips.id, input.tripId), eq(schema.trips.organizationId, input.organizationId)))
    .limit(1);
  const [trip] = options.forUpdate ? await query.for('update') : await query;
  if (!trip) throw new AppError('TRIP_NOT_FOUND', 'No such trip');
  return { trip, organization, isMember: role !== null };
}

/** Route and bus names and the seat count of one or many trips, for operator views. */
export async function tripNames(
  tx: DatabaseOrTransaction,
  tripIds: string[],
): Promise<Map<string, { routeName: string; busName: string; seatCount: number }>> {
  if (tripIds.length === 0) return new Map();
  const rows = await tx
    .select({ id: schema.trips.id, routeName: schema.routes.name, busName: schema.buses.name, seatCount: schema.seatLayouts.seatCount })
    .from(schema.trips)
    .innerJoin(schema.routes, eq(schema.routes.id, schema.trips.routeId))
    .innerJoin(schema.buses, eq(schema.buses.id, schema.trips.busId))
    .innerJoin(schema.seatLayouts, eq(schema.seatLayouts.id, schema.trips.layoutId))
    .where(inArray(schema.trips.id, tripIds));
  return new Map(rows.map((r) => [r.id, { routeName: r.routeName, busName: r.busName, seatCount: r.seatCount }]));
}
