import { schema } from '@fareway/db';
import { AppError } from '@fareway/domain';
import { and, asc, desc, eq, ne, type SQL, sql } from 'drizzle-orm';
import type { Deps } from '../deps';
import { type VehicleSearchResult, vehicleSearchFilter, withQuotes } from '../vehicles/search-vehicles';

/** Where an alternative is, seen from the taken car: its city, or another one (how far, when both have a position). */
export interface AlternativePlace {
  sameCity: boolean;
  /** Straight-line distance between the two cars' pick-up points, whole km; null when either has no position. */
  distanceKm: number | null;
}

export type VehicleAlternative = VehicleSearchResult & { place: AlternativePlace };

/** Great-circle distance in km from a point to each vehicle's position (haversine; null without a position). */
function distanceKmFrom(latitude: number, longitude: number): SQL<number | null> {
  const v = schema.vehicles;
  return sql<number | null>`(6371 * 2 * asin(sqrt(
    power(sin(radians(${v.latitude} - ${latitude}) / 2), 2)
    + cos(radians(${latitude})) * cos(radians(${v.latitude})) * power(sin(radians(${v.longitude} - ${longitude}) / 2), 2))))`;
}

/**
 * `GET /vehicles/{id}/alternatives?startDate&endDate`: when a car is taken for a range, the
 * nearest others free for all of it with at least as many seats: the same city first, then
 * the other cities, nearest first (when positions are known); within each, the same type
 * first, then the closest daily rate. Each says where it is. Read-only; the hold re-checks everything.
 */
export async function findVehicleAlternatives(
  deps: Pick<Deps, 'db' | 'clock' | 'config'>,
  input: { vehicleId: string; start: Date; end: Date; limit?: number },
): Promise<VehicleAlternative[]> {
  const v = schema.vehicles;
  const [taken] = await deps.db.select().from(v).where(eq(v.id, input.vehicleId)).limit(1);
  if (taken?.status !== 'approved') throw new AppError('VEHICLE_NOT_FOUND', 'No such vehicle');
  const { bookings } = deps.config;
  const free = vehicleSearchFilter({ start: input.start, end: input.end, seats: taken.seats }, deps.clock.now(), {
    maxDays: bookings.rentalMaxDays,
    maxAdvanceDays: bookings.rentalMaxAdvanceDays,
  });
  const sameCity = sql<boolean>`(lower(${v.city}) = lower(${taken.city}))`;
  const distance =
    taken.latitude === null || taken.longitude === null
      ? sql<number | null>`null::float8`
      : distanceKmFrom(taken.latitude, taken.longitude);
  const rows = await deps.db
    .select({ vehicle: v, sameCity, distanceKm: distance })
    .from(v)
    .where(and(free, ne(v.id, taken.id)))
    .orderBy(
      desc(sameCity),
      // Other cities nearest first; within the taken car's city the distance does not matter.
      sql`case when ${sameCity} then 0 else ${distance} end asc nulls last`,
      desc(sql`(${v.type} = ${taken.type})`),
      asc(sql`abs(${v.dailyRateMinor} - ${taken.dailyRateMinor})`),
      asc(v.id),
    )
    .limit(input.limit ?? 4);
  const results = await withQuotes(
    deps,
    rows.map((r) => r.vehicle),
    input,
  );
  return results.map((result, i) => {
    const row = rows[i];
    const km = row?.distanceKm;
    return {
      ...result,
      place: { sameCity: row?.sameCity === true, distanceKm: km === null || km === undefined ? null : Math.round(Number(km)) },
    };
  });
}
