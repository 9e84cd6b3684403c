import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { bookings } from './bookings';
import { organizations } from './organizations';
import { int4range } from './ranges';

export interface SeatLayoutCell {
  row: number;
  column: number;
  kind: 'seat' | 'aisle' | 'unavailable';
  /** "1A"; only seats have one. */
  label?: string;
  seatClass?: string;
}

/** A grid of rows × columns with seat labels, aisles and unavailable cells; many buses and trips share one. */
export const seatLayouts = pgTable(
  'seat_layouts',
  {
    id: uuid().primaryKey(),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    name: text().notNull(),
    rows: integer().notNull(),
    columns: integer().notNull(),
    cells: jsonb().$type<SeatLayoutCell[]>().notNull(),
    seatCount: integer().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    index('seat_layouts_org_idx').on(t.organizationId),
    check('seat_layouts_size_check', sql`${t.rows} between 1 and 40 and ${t.columns} between 1 and 10 and ${t.seatCount} > 0`),
  ],
);

export const buses = pgTable(
  'buses',
  {
    id: uuid().primaryKey(),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    name: text().notNull(),
    registrationNumber: text().notNull(),
    layoutId: uuid()
      .notNull()
      .references(() => seatLayouts.id),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index('buses_org_idx').on(t.organizationId), uniqueIndex('buses_registration_key').on(t.organizationId, t.registrationNumber)],
);

export const routes = pgTable(
  'routes',
  {
    id: uuid().primaryKey(),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    name: text().notNull(),
    currency: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index('routes_org_idx').on(t.organizationId), check('routes_currency_check', sql`${t.currency} ~ '^[A-Z]{3}$'`)],
);

/** The route's ordered stops with its usual timetable (minutes after departure) and segment fares. */
export const routeStops = pgTable(
  'route_stops',
  {
    routeId: uuid()
      .notNull()
      .references(() => routes.id, { onDelete: 'cascade' }),
    position: integer().notNull(),
    name: text().notNull(),
    city: text().notNull(),
    latitude: doublePrecision(),
    longitude: doublePrecision(),
    arriveOffsetMinutes: integer().notNull(),
    departOffsetMinutes: integer().notNull(),
    /** Fare from this stop to the next; null on the last stop. */
    fareToNextMinor: bigint({ mode: 'number' }),
  },
  (t) => [
    primaryKey({ columns: [t.routeId, t.position] }),
    check('route_stops_offsets_check', sql`${t.departOffsetMinutes} >= ${t.arriveOffsetMinutes} and ${t.arriveOffsetMinutes} >= 0`),
    check('route_stops_fare_check', sql`coalesce(${t.fareToNextMinor}, 0) >= 0`),
  ],
);

export const TRIP_STATUSES = ['scheduled', 'boarding', 'departed', 'completed', 'cancelled'] as const;
export type TripStatus = (typeof TRIP_STATUSES)[number];

/** A route run on a bus at a time; stops, times and fares are copied from the route so later route edits never move a sold trip. */
export const trips = pgTable(
  'trips',
  {
    id: uuid().primaryKey(),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    routeId: uuid()
      .notNull()
      .references(() => routes.id),
    busId: uuid()
      .notNull()
      .references(() => buses.id),
    layoutId: uuid()
      .notNull()
      .references(() => seatLayouts.id),
    status: text({ enum: TRIP_STATUSES }).notNull().default('scheduled'),
    departsAt: timestamp({ withTimezone: true }).notNull(),
    arrivesAt: timestamp({ withTimezone: true }).notNull(),
    currency: text().notNull(),
    /** IANA zone for local display and "trips on this date". */
    timeZone: text().notNull(),
    cancelledAt: timestamp({ withTimezone: true }),
    cancellationReason: text(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    index('trips_departs_idx').on(t.departsAt).where(sql`${t.status} in ('scheduled', 'boarding')`),
    index('trips_org_idx').on(t.organizationId, t.departsAt),
    // What bookings_trip_partner_fk (migration 0025) references: a seat booking's operator is its trip's.
    uniqueIndex('trips_id_organization_key').on(t.id, t.organizationId),
    check('trips_status_check', sql`${t.status} in ('scheduled', 'boarding', 'departed', 'completed', 'cancelled')`),
    check('trips_times_check', sql`${t.arrivesAt} > ${t.departsAt}`),
  ],
);

export const tripStops = pgTable(
  'trip_stops',
  {
    tripId: uuid()
      .notNull()
      .references(() => trips.id, { onDelete: 'cascade' }),
    position: integer().notNull(),
    name: text().notNull(),
    city: text().notNull(),
    latitude: doublePrecision(),
    longitude: doublePrecision(),
    arrivesAt: timestamp({ withTimezone: true }).notNull(),
    departsAt: timestamp({ withTimezone: true }).notNull(),
    fareToNextMinor: bigint({ mode: 'number' }),
  },
  (t) => [
    primaryKey({ columns: [t.tripId, t.position] }),
    // Search by origin / destination name or city, case-insensitively.
    index('trip_stops_city_idx').on(sql`lower(${t.city})`, t.departsAt),
    index('trip_stops_name_idx').on(sql`lower(${t.name})`, t.departsAt),
    check('trip_stops_times_check', sql`${t.departsAt} >= ${t.arrivesAt}`),
  ],
);

/**
 * One seat of a booking on a leg [fromStop, toStop). The exclusion constraint
 * `seat_reservations_no_overlap` (migration 0006) keeps any seat from being held
 * or sold twice for overlapping legs; status mirrors the booking's.
 */
export const seatReservations = pgTable(
  'seat_reservations',
  {
    id: uuid().notNull(),
    bookingId: uuid()
      .notNull()
      .references(() => bookings.id),
    tripId: uuid()
      .notNull()
      .references(() => trips.id),
    seatNo: text().notNull(),
    legs: int4range().notNull(),
    fromStop: integer().notNull(),
    toStop: integer().notNull(),
    passengerName: text(),
    fareMinor: bigint({ mode: 'number' }).notNull(),
    status: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    // Every key includes trip_id, the column this table is distributed by past one
    // primary (Citus): a key without it could not be enforced on one shard (migration 0050).
    primaryKey({ columns: [t.tripId, t.id] }),
    // Booking first, so this one index also serves every read by booking (the status mirror, a booking's
    // seats): a second index on booking_id cost each reserved seat one more entry (issue 16).
    uniqueIndex('seat_reservations_seat_per_booking').on(t.bookingId, t.tripId, t.seatNo),
    check('seat_reservations_leg_check', sql`${t.fromStop} >= 0 and ${t.toStop} > ${t.fromStop}`),
  ],
);
