import { type DatabaseOrTransaction, schema } from '@fareway/db';
import { AppError, assertRentalRange, quoteRental, toMajorUnits } from '@fareway/domain';
import { and, asc, gte, type SQL, sql } from 'drizzle-orm';
import type { Deps } from '../deps';
import type { Page } from '../identity/list-users';
import { type PublicVehicle, toPublicVehicles } from './public-vehicle';

export interface VehicleSearchInput {
  /** A city, matched case-insensitively. */
  location?: string;
  start?: Date;
  end?: Date;
  /** At least this many seats. */
  seats?: number;
  page: number;
  limit: number;
}

export interface RentalQuoteSummary {
  days: number;
  totalMinor: number;
  /** Major units, for the first mobile client; use totalMinor. */
  totalPrice: number;
  currency: string;
}

export type VehicleSearchResult = PublicVehicle & { quote: RentalQuoteSummary | null };

/**
 * "No live occupancy of this vehicle meets [start, end + its buffer)": the
 * probe is written so the planner can use the exclusion constraint's partial
 * gist index (vehicle_id, blocked_period) — the status list is the index
 * predicate verbatim, as literals (a bound parameter could not prove it in a
 * generic plan). A pending hold past its expiresAt that no one has swept yet
 * does not hide the car: DESIGN.md §3, an expired hold never blocks anyone.
 */
export function vehicleIsFree(start: Date, end: Date, now: Date): SQL {
  const v = schema.vehicles;
  return sql`not exists (
    select 1 from vehicle_occupancies o
    where o.vehicle_id = ${v.id}
      and o.status in ('pending', 'confirmed', 'active', 'blackout')
      and o.blocked_period && tstzrange(${start.toISOString()}::timestamptz, ${end.toISOString()}::timestamptz + make_interval(mins => ${v.bufferMinutes}), '[)')
      and (o.status <> 'pending' or exists (select 1 from bookings b where b.id = o.booking_id and b.expires_at > ${now.toISOString()}::timestamptz))
  )`;
}

/** Validates the input and builds the filter; shared by the search and its EXPLAIN test. */
export function vehicleSearchFilter(
  input: Omit<VehicleSearchInput, 'page' | 'limit'>,
  now: Date,
  limits: { maxDays: number; maxAdvanceDays: number },
): SQL {
  const v = schema.vehicles;
  // A literal, as vehicles_search_idx's predicate says it: a bound parameter could not prove it in a generic plan.
  const filters: SQL[] = [sql`${v.status} = 'approved'`];
  const location = input.location?.trim();
  if (location) filters.push(sql`lower(${v.city}) = lower(${location})`);
  if (input.seats !== undefined) filters.push(gte(v.seats, input.seats));
  if ((input.start === undefined) !== (input.end === undefined)) {
    const path = input.start === undefined ? 'startDate' : 'endDate';
    throw new AppError('VALIDATION_ERROR', 'Give both startDate and endDate, or neither', { details: [{ path, message: 'required' }] });
  }
  if (input.start && input.end) {
    assertRentalRange(input.start, input.end, now, limits);
    filters.push(vehicleIsFree(input.start, input.end, now));
  }
  const where = and(...filters);
  if (!where) throw new Error('unreachable: at least one filter');
  return where;
}

export function vehicleSearchQuery(db: DatabaseOrTransaction, where: SQL, page: number, limit: number) {
  const v = schema.vehicles;
  return db
    .select({ vehicle: v, total: sql<number>`(count(*) over ())::int` })
    .from(v)
    .where(where)
    .orderBy(asc(v.dailyRateMinor), asc(v.id))
    .limit(limit)
    .offset((page - 1) * limit);
}

/**
 * `GET /vehicles`: approved vehicles in a city with enough seats; with a
 * range, only those free for all of it (their turnaround buffer and blackouts
 * included), each with the price the range would cost.
 */
export async function searchVehicles(
  deps: Pick<Deps, 'db' | 'clock' | 'config'>,
  input: VehicleSearchInput,
): Promise<Page<VehicleSearchResult>> {
  const now = deps.clock.now();
  const { bookings } = deps.config;
  const where = vehicleSearchFilter(input, now, { maxDays: bookings.rentalMaxDays, maxAdvanceDays: bookings.rentalMaxAdvanceDays });
  const rows = await vehicleSearchQuery(deps.db, where, input.page, input.limit);
  let total = rows[0]?.total ?? 0;
  if (rows.length === 0 && input.page > 1) {
    // Past the last page the window count has no row to ride on.
    const [counted] = await deps.db.select({ n: sql<number>`count(*)::int` }).from(schema.vehicles).where(where);
    total = counted?.n ?? 0;
  }
  const items = await withQuotes(
    deps,
    rows.map((r) => r.vehicle),
    input,
  );
  return { items, meta: { page: input.page, limit: input.limit, total } };
}

/** Vehicle rows as search results: public fields, and the price of the range when there is one. */
export async function withQuotes(
  deps: Pick<Deps, 'db' | 'config'>,
  rows: Array<typeof schema.vehicles.$inferSelect>,
  range: { start?: Date; end?: Date },
): Promise<VehicleSearchResult[]> {
  const { bookings } = deps.config;
  const vehicles = await toPublicVehicles(deps.db, rows, () => false);
  return vehicles.map((vehicle): VehicleSearchResult => {
    if (!range.start || !range.end) return { ...vehicle, quote: null };
    const quote = quoteRental(
      vehicle,
      { start: range.start, end: range.end },
      { commissionRateBasisPoints: bookings.commissionRateBasisPoints, policy: bookings.policy },
    );
    return {
      ...vehicle,
      quote: {
        days: quote.days,
        totalMinor: quote.totalMinor,
        totalPrice: toMajorUnits(quote.totalMinor, quote.currency),
        currency: quote.currency,
      },
    };
  });
}
