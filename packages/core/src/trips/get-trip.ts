import { type DatabaseOrTransaction, schema } from '@fareway/db';
import type { SeatLayoutCell } from '@fareway/db/schema';
import { AppError } from '@fareway/domain';
import { eq, sql } from 'drizzle-orm';
import type { Deps } from '../deps';
import { operatorOf, type PublicOperator } from '../organizations/public-operator';
import type { TripRow, TripStopRow } from './trip-rows';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `GET /trips/{id}`: what a customer needs to choose seats — stops, times, fares and the seat map's grid. */
export interface PublicTrip {
  id: string;
  status: TripRow['status'];
  routeName: string;
  operator: PublicOperator;
  bus: { name: string; registrationNumber: string };
  departsAt: string;
  arrivesAt: string;
  timeZone: string;
  currency: string;
  stops: Array<{
    position: number;
    name: string;
    city: string;
    latitude: number | null;
    longitude: number | null;
    arrivesAt: string;
    departsAt: string;
    /** Fare from this stop to the next (null on the last). */
    fareToNextMinor: number | null;
    /** Fare from the first stop to this one: a leg from i to j costs fareFromStartMinor[j] − fareFromStartMinor[i]. */
    fareFromStartMinor: number;
  }>;
  /** The whole trip's fare, first stop to last. */
  fareMinor: number;
  layout: { rows: number; columns: number; seatCount: number; cells: SeatLayoutCell[] };
  cancellationReason: string | null;
}

interface StopJson {
  position: number;
  name: string;
  city: string;
  latitude: number | null;
  longitude: number | null;
  arrivesAt: string;
  departsAt: string;
  fareToNextMinor: number | null;
}

export interface LoadedPublicTrip {
  trip: TripRow;
  stops: TripStopRow[];
  operatorName: string;
  operatorLogo: string | null;
  bus: { name: string; registrationNumber: string };
  routeName: string;
  layout: { rows: number; columns: number; seatCount: number; cells: SeatLayoutCell[] };
}

/** A trip the public may see: its operator is approved. Anything else is TRIP_NOT_FOUND. */
export async function loadPublicTrip(tx: DatabaseOrTransaction, tripId: string): Promise<LoadedPublicTrip> {
  if (!UUID.test(tripId)) throw new AppError('TRIP_NOT_FOUND', 'No such trip');
  const [row] = await tx
    .select({
      trip: schema.trips,
      operatorName: schema.organizations.name,
      operatorLogo: schema.organizations.logoFileId,
      operatorStatus: schema.organizations.status,
      busName: schema.buses.name,
      registrationNumber: schema.buses.registrationNumber,
      routeName: schema.routes.name,
      layout: {
        rows: schema.seatLayouts.rows,
        columns: schema.seatLayouts.columns,
        seatCount: schema.seatLayouts.seatCount,
        cells: schema.seatLayouts.cells,
      },
      // The stops ride along in the same round trip (seat maps are read often).
      stops: sql<StopJson[] | null>`(select json_agg(json_build_object('position', s.position, 'name', s.name, 'city', s.city,
        'latitude', s.latitude, 'longitude', s.longitude, 'arrivesAt', s.arrives_at, 'departsAt', s.departs_at,
        'fareToNextMinor', s.fare_to_next_minor) order by s.position) from trip_stops s where s.trip_id = ${schema.trips.id})`,
    })
    .from(schema.trips)
    .innerJoin(schema.organizations, eq(schema.organizations.id, schema.trips.organizationId))
    .innerJoin(schema.buses, eq(schema.buses.id, schema.trips.busId))
    .innerJoin(schema.routes, eq(schema.routes.id, schema.trips.routeId))
    .innerJoin(schema.seatLayouts, eq(schema.seatLayouts.id, schema.trips.layoutId))
    .where(eq(schema.trips.id, tripId))
    .limit(1)
    .prepare('public_trip')
    .execute();
  if (row?.operatorStatus !== 'approved') throw new AppError('TRIP_NOT_FOUND', 'No such trip');
  return {
    trip: row.trip,
    stops: (row.stops ?? []).map((s) => ({
      ...s,
      tripId: row.trip.id,
      arrivesAt: new Date(s.arrivesAt),
      departsAt: new Date(s.departsAt),
    })),
    operatorName: row.operatorName,
    operatorLogo: row.operatorLogo,
    bus: { name: row.busName, registrationNumber: row.registrationNumber },
    routeName: row.routeName,
    layout: row.layout,
  };
}

export function toPublicTrip(loaded: LoadedPublicTrip): PublicTrip {
  const { trip, stops } = loaded;
  let running = 0;
  const publicStops = stops.map((s) => {
    const stop = {
      position: s.position,
      name: s.name,
      city: s.city,
      latitude: s.latitude,
      longitude: s.longitude,
      arrivesAt: s.arrivesAt.toISOString(),
      departsAt: s.departsAt.toISOString(),
      fareToNextMinor: s.fareToNextMinor,
      fareFromStartMinor: running,
    };
    running += s.fareToNextMinor ?? 0;
    return stop;
  });
  return {
    id: trip.id,
    status: trip.status,
    routeName: loaded.routeName,
    operator: operatorOf(trip.organizationId, loaded.operatorName, loaded.operatorLogo),
    bus: loaded.bus,
    departsAt: trip.departsAt.toISOString(),
    arrivesAt: trip.arrivesAt.toISOString(),
    timeZone: trip.timeZone,
    currency: trip.currency,
    stops: publicStops,
    fareMinor: publicStops.at(-1)?.fareFromStartMinor ?? 0,
    layout: loaded.layout,
    cancellationReason: trip.cancellationReason,
  };
}

export async function getTrip(deps: Pick<Deps, 'db'>, tripId: string): Promise<PublicTrip> {
  return toPublicTrip(await loadPublicTrip(deps.db, tripId));
}
