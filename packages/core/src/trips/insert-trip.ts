import { type DatabaseOrTransaction, newId, schema, type Transaction } from '@fareway/db';
import { AppError, tripStopTimes } from '@fareway/domain';
import { and, asc, eq, gt, lt, ne, sql } from 'drizzle-orm';
import { type RequestOrigin, recordAudit } from '../audit/record-audit';
import type { BusRow, RouteRow, RouteStopRow } from '../operators/operator-rows';
import type { OrganizationRow } from '../organizations/organizations';
import type { TripRow, TripStopRow } from './trip-rows';

/** How far ahead an operator may schedule. */
export const MAX_SCHEDULE_AHEAD_DAYS = 366;

/** The route and bus of a new trip, both of the organization (else NOT_FOUND, whoever asks). */
export async function loadRouteAndBus(
  tx: Transaction,
  organizationId: string,
  input: { routeId: string; busId: string },
): Promise<{ route: RouteRow; stops: RouteStopRow[]; bus: BusRow }> {
  const [route] = await tx
    .select()
    .from(schema.routes)
    .where(and(eq(schema.routes.id, input.routeId), eq(schema.routes.organizationId, organizationId)));
  if (!route)
    throw new AppError('NOT_FOUND', 'No such route in this organization', { details: [{ path: 'routeId', message: 'unknown route' }] });
  const [bus] = await tx
    .select()
    .from(schema.buses)
    .where(and(eq(schema.buses.id, input.busId), eq(schema.buses.organizationId, organizationId)));
  if (!bus) throw new AppError('NOT_FOUND', 'No such bus in this organization', { details: [{ path: 'busId', message: 'unknown bus' }] });
  const stops = await tx
    .select()
    .from(schema.routeStops)
    .where(eq(schema.routeStops.routeId, route.id))
    .orderBy(asc(schema.routeStops.position));
  // The bus's trips are checked and inserted one at a time, so "bus busy" below is exact.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`bus:${bus.id}`}, 0))`);
  return { route, stops, bus };
}

/** The planned times of a trip on `route` leaving its first stop at `departsAt`. */
export function planTrip(stops: RouteStopRow[], departsAt: Date) {
  const first = stops[0];
  if (!first) throw new Error('a route without stops');
  const base = new Date(departsAt.getTime() - first.departOffsetMinutes * 60_000);
  const times = tripStopTimes(base, stops);
  const last = times.at(-1);
  if (!last) throw new Error('a route without stops');
  return { times, departsAt, arrivesAt: last.arrivesAt };
}

/** A live trip of the bus overlapping [departsAt, arrivesAt), if any. */
export async function busBusyWith(tx: Transaction, busId: string, departsAt: Date, arrivesAt: Date): Promise<TripRow | undefined> {
  const [clash] = await tx
    .select()
    .from(schema.trips)
    .where(
      and(
        eq(schema.trips.busId, busId),
        ne(schema.trips.status, 'cancelled'),
        lt(schema.trips.departsAt, arrivesAt),
        gt(schema.trips.arrivesAt, departsAt),
      ),
    )
    .limit(1);
  return clash;
}

/**
 * Inserts a trip and copies the route's stops with absolute times and segment
 * fares into trip_stops (so a later route edit never moves a sold trip). The
 * caller has checked the organization and taken the bus lock (loadRouteAndBus).
 */
export async function insertTrip(
  tx: Transaction,
  context: { at: Date; actorUserId: string | null; origin: RequestOrigin },
  parts: { organization: OrganizationRow; route: RouteRow; stops: RouteStopRow[]; bus: BusRow; departsAt: Date },
): Promise<{ trip: TripRow; stops: TripStopRow[] }> {
  const { organization, route, stops, bus } = parts;
  const plan = planTrip(stops, parts.departsAt);
  const clash = await busBusyWith(tx, bus.id, plan.departsAt, plan.arrivesAt);
  if (clash)
    throw new AppError('VALIDATION_ERROR', `Bus ${bus.name} already runs a trip at that time`, {
      details: [{ path: 'departsAt', message: `overlaps trip ${clash.id} (${clash.departsAt.toISOString()})` }],
    });
  const id = newId();
  const [trip] = await tx
    .insert(schema.trips)
    .values({
      id,
      organizationId: organization.id,
      routeId: route.id,
      busId: bus.id,
      layoutId: bus.layoutId,
      status: 'scheduled',
      departsAt: plan.departsAt,
      arrivesAt: plan.arrivesAt,
      currency: route.currency,
      timeZone: organization.timeZone,
      createdAt: context.at,
      updatedAt: context.at,
    })
    .returning();
  if (!trip) throw new Error('trip insert returned nothing');
  const tripStops = await tx
    .insert(schema.tripStops)
    .values(
      stops.map((s, i) => ({
        tripId: id,
        position: s.position,
        name: s.name,
        city: s.city,
        latitude: s.latitude,
        longitude: s.longitude,
        arrivesAt: plan.times[i]?.arrivesAt ?? plan.departsAt,
        departsAt: plan.times[i]?.departsAt ?? plan.departsAt,
        fareToNextMinor: s.fareToNextMinor,
      })),
    )
    .returning();
  await recordAudit(tx, context.at, context.origin, {
    actorUserId: context.actorUserId,
    action: 'trip.created',
    subjectType: 'trip',
    subjectId: id,
    after: { routeId: route.id, busId: bus.id, departsAt: plan.departsAt.toISOString() },
  });
  return { trip, stops: tripStops };
}

export async function seatCountOf(tx: DatabaseOrTransaction, layoutId: string): Promise<number> {
  const [row] = await tx.select({ n: schema.seatLayouts.seatCount }).from(schema.seatLayouts).where(eq(schema.seatLayouts.id, layoutId));
  return row?.n ?? 0;
}
