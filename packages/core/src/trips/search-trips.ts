import { schema } from '@fareway/db';
import { legFareMinor, localDayBounds } from '@fareway/domain';
import { asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Deps } from '../deps';
import type { Page } from '../identity/list-users';
import { operatorOf, type PublicOperator } from '../organizations/public-operator';
import { parseCalendarDate } from './calendar-input';

export interface TripStopTime {
  position: number;
  name: string;
  city: string;
  time: string;
}

/** One search result: a trip and the leg that matched, with the free seats and the fare for that leg. */
export interface TripSearchResult {
  id: string;
  status: 'scheduled' | 'boarding';
  routeName: string;
  operator: PublicOperator;
  busName: string;
  timeZone: string;
  currency: string;
  fromStop: number;
  toStop: number;
  /** Departure from the origin stop. */
  departsAt: string;
  /** Arrival at the destination stop. */
  arrivesAt: string;
  origin: { position: number; name: string; city: string };
  destination: { position: number; name: string; city: string };
  fareMinor: number;
  seatCount: number;
  freeSeats: number;
}

/** Matches a stop by its name or its city, whole and case-insensitively ("kandy" finds "Kandy"). */
function stopMatches(alias: string, place: string): SQL {
  const stop = sql.raw(alias);
  return sql`(lower(${stop}.name) = lower(${place}) or lower(${stop}.city) = lower(${place}))`;
}

/**
 * `GET /trips`: upcoming trips of approved operators that still sell seats.
 * With an origin and a destination, only trips where the origin's stop comes
 * before the destination's (first such pair per trip); without one, the
 * trip's first or last stop stands in. `date` is the local calendar date, in
 * the trip's own zone, of the departure from the origin stop. Each result has
 * the free seats for its leg: seats minus those with a live overlapping
 * reservation (a lapsed hold nobody swept yet counts as free).
 */
export async function searchTrips(
  deps: Pick<Deps, 'db' | 'clock'>,
  input: { origin?: string; destination?: string; date?: string; page: number; limit: number },
): Promise<Page<TripSearchResult>> {
  const now = deps.clock.now();
  const nowParam = sql`${now.toISOString()}::timestamptz`;
  const origin = input.origin?.trim() || undefined;
  const destination = input.destination?.trim() || undefined;
  const filters: SQL[] = [sql`t.status in ('scheduled', 'boarding')`, sql`o.departs_at > ${nowParam}`];
  if (input.date !== undefined) {
    parseCalendarDate(input.date, 'date');
    // The bounds of a local date depend on the zone; the zones in use are few.
    const zones = await deps.db.execute<{ time_zone: string }>(
      sql`select distinct time_zone from trips where status in ('scheduled', 'boarding') and departs_at > ${nowParam}`,
    );
    const byZone = [...zones].map((z) => {
      const { start, end } = localDayBounds(input.date as string, z.time_zone);
      return sql`(t.time_zone = ${z.time_zone} and o.departs_at >= ${start.toISOString()}::timestamptz and o.departs_at < ${end.toISOString()}::timestamptz)`;
    });
    filters.push(byZone.length > 0 ? sql`(${sql.join(byZone, sql` or `)})` : sql`false`);
  }
  const originOn = origin ? stopMatches('o', origin) : sql`o.position = 0`;
  const destinationOn = destination
    ? stopMatches('d', destination)
    : sql`d.position = (select max(x.position) from trip_stops x where x.trip_id = t.id)`;
  const offset = (input.page - 1) * input.limit;
  const page = await deps.db.execute<{ trip_id: string; from_stop: number; to_stop: number; total: number; free_seats: number }>(sql`
    with matches as (
      select distinct on (t.id) t.id as trip_id, t.layout_id, o.position as from_stop, d.position as to_stop, o.departs_at as leaves_at
      from trips t
      join organizations org on org.id = t.organization_id and org.status = 'approved'
      join trip_stops o on o.trip_id = t.id and ${originOn}
      join trip_stops d on d.trip_id = t.id and d.position > o.position and ${destinationOn}
      where ${sql.join(filters, sql` and `)}
      order by t.id, o.position, d.position
    ), paged as (
      select m.*, count(*) over ()::int as total from matches m order by m.leaves_at, m.trip_id limit ${input.limit}::int offset ${offset}::int
    )
    select p.trip_id, p.from_stop, p.to_stop, p.total,
      (l.seat_count - (
        select count(distinct sr.seat_no) from seat_reservations sr join bookings b on b.id = sr.booking_id
        where sr.trip_id = p.trip_id and sr.legs && int4range(p.from_stop, p.to_stop)
          and (sr.status in ('confirmed', 'active') or (sr.status = 'pending' and b.expires_at > ${nowParam}))
      ))::int as free_seats
    from paged p join seat_layouts l on l.id = p.layout_id
    order by p.leaves_at, p.trip_id
  `);
  const rows = [...page];
  const total = rows[0]?.total ?? (offset > 0 ? await countOnly() : 0);
  if (rows.length === 0) return { items: [], meta: { page: input.page, limit: input.limit, total } };

  const ids = rows.map((r) => r.trip_id);
  const [trips, stops] = await Promise.all([
    deps.db
      .select({
        trip: schema.trips,
        routeName: schema.routes.name,
        busName: schema.buses.name,
        operatorName: schema.organizations.name,
        operatorLogo: schema.organizations.logoFileId,
        seatCount: schema.seatLayouts.seatCount,
      })
      .from(schema.trips)
      .innerJoin(schema.routes, eq(schema.routes.id, schema.trips.routeId))
      .innerJoin(schema.buses, eq(schema.buses.id, schema.trips.busId))
      .innerJoin(schema.organizations, eq(schema.organizations.id, schema.trips.organizationId))
      .innerJoin(schema.seatLayouts, eq(schema.seatLayouts.id, schema.trips.layoutId))
      .where(inArray(schema.trips.id, ids)),
    deps.db.select().from(schema.tripStops).where(inArray(schema.tripStops.tripId, ids)).orderBy(asc(schema.tripStops.position)),
  ]);
  const items: TripSearchResult[] = [];
  for (const row of rows) {
    const found = trips.find((t) => t.trip.id === row.trip_id);
    const tripStops = stops.filter((s) => s.tripId === row.trip_id);
    const from = tripStops[row.from_stop];
    const to = tripStops[row.to_stop];
    if (!found || !from || !to) continue;
    items.push({
      id: found.trip.id,
      status: found.trip.status as 'scheduled' | 'boarding',
      routeName: found.routeName,
      operator: operatorOf(found.trip.organizationId, found.operatorName, found.operatorLogo),
      busName: found.busName,
      timeZone: found.trip.timeZone,
      currency: found.trip.currency,
      fromStop: row.from_stop,
      toStop: row.to_stop,
      departsAt: from.departsAt.toISOString(),
      arrivesAt: to.arrivesAt.toISOString(),
      origin: { position: from.position, name: from.name, city: from.city },
      destination: { position: to.position, name: to.name, city: to.city },
      fareMinor: legFareMinor(
        tripStops.slice(0, -1).map((s) => s.fareToNextMinor ?? 0),
        row.from_stop,
        row.to_stop,
      ),
      seatCount: found.seatCount,
      freeSeats: Math.max(0, row.free_seats),
    });
  }
  return { items, meta: { page: input.page, limit: input.limit, total } };

  /** A page past the end still reports the total. */
  async function countOnly(): Promise<number> {
    const [row] = await deps.db.execute<{ n: number }>(sql`
      select count(*)::int as n from (
        select distinct t.id
        from trips t
        join organizations org on org.id = t.organization_id and org.status = 'approved'
        join trip_stops o on o.trip_id = t.id and ${originOn}
        join trip_stops d on d.trip_id = t.id and d.position > o.position and ${destinationOn}
        where ${sql.join(filters, sql` and `)}
      ) m`);
    return row?.n ?? 0;
  }
}
