import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  date,
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
import { storedFiles } from './files';
import { users } from './identity';
import { tstzrange } from './ranges';

export const DRIVER_APPLICATION_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type DriverApplicationStatus = (typeof DRIVER_APPLICATION_STATUSES)[number];

/** A user asks to list vehicles; an admin approves (granting the driver role) or rejects with a reason. */
export const driverApplications = pgTable(
  'driver_applications',
  {
    id: uuid().primaryKey(),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    fullName: text().notNull(),
    nationalId: text().notNull(),
    licenceNumber: text().notNull(),
    licenceExpiry: date({ mode: 'string' }).notNull(),
    /** [{ kind: 'licence_front' | ..., fileId }] — files uploaded beforehand, owned by the applicant. */
    documents: jsonb().$type<{ kind: string; fileId: string }[]>().notNull().default([]),
    status: text({ enum: DRIVER_APPLICATION_STATUSES }).notNull().default('pending'),
    decisionReason: text(),
    reviewedBy: uuid().references(() => users.id),
    reviewedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    // One open application per user at a time.
    uniqueIndex('driver_applications_one_pending').on(t.userId).where(sql`${t.status} = 'pending'`),
    index('driver_applications_status_idx').on(t.status, t.createdAt),
    check('driver_applications_status_check', sql`${t.status} in ('pending', 'approved', 'rejected')`),
  ],
);

export const VEHICLE_STATUSES = ['draft', 'pending_review', 'approved', 'rejected', 'suspended'] as const;
export type VehicleStatus = (typeof VEHICLE_STATUSES)[number];

export const vehicles = pgTable(
  'vehicles',
  {
    id: uuid().primaryKey(),
    ownerUserId: uuid()
      .notNull()
      .references(() => users.id),
    make: text().notNull(),
    model: text().notNull(),
    year: integer().notNull(),
    type: text().notNull(),
    seats: integer().notNull(),
    transmission: text().notNull(),
    fuel: text().notNull(),
    description: text(),
    city: text().notNull(),
    latitude: doublePrecision(),
    longitude: doublePrecision(),
    /** IANA zone: rental days are counted on this wall clock. */
    timeZone: text().notNull(),
    dailyRateMinor: bigint({ mode: 'number' }).notNull(),
    currency: text().notNull(),
    /** Minutes the vehicle stays blocked after each rental (cleaning, refuelling). */
    bufferMinutes: integer().notNull().default(0),
    status: text({ enum: VEHICLE_STATUSES }).notNull().default('draft'),
    reviewReason: text(),
    reviewedBy: uuid().references(() => users.id),
    reviewedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    index('vehicles_owner_idx').on(t.ownerUserId, t.createdAt),
    // What bookings_vehicle_partner_fk (migration 0025) references: a rental's partner is its vehicle's owner.
    uniqueIndex('vehicles_id_owner_key').on(t.id, t.ownerUserId),
    // Search: approved vehicles in a city (case-insensitive).
    index('vehicles_search_idx').on(sql`lower(${t.city})`, t.seats).where(sql`${t.status} = 'approved'`),
    index('vehicles_status_idx').on(t.status, t.createdAt),
    check('vehicles_status_check', sql`${t.status} in ('draft', 'pending_review', 'approved', 'rejected', 'suspended')`),
    check('vehicles_daily_rate_check', sql`${t.dailyRateMinor} > 0`),
    check('vehicles_seats_check', sql`${t.seats} between 1 and 100`),
    check('vehicles_buffer_check', sql`${t.bufferMinutes} between 0 and 10080`),
    check('vehicles_currency_check', sql`${t.currency} ~ '^[A-Z]{3}$'`),
  ],
);

export const vehiclePhotos = pgTable(
  'vehicle_photos',
  {
    vehicleId: uuid()
      .notNull()
      .references(() => vehicles.id, { onDelete: 'cascade' }),
    fileId: uuid()
      .notNull()
      .references(() => storedFiles.id),
    position: integer().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.vehicleId, t.fileId] })],
);

export const OCCUPANCY_KINDS = ['booking', 'blackout'] as const;
/** Live statuses occupy the vehicle; `blackout` rows always do. Mirrors bookings.status through a trigger. */
export const OCCUPANCY_STATUSES = ['pending', 'confirmed', 'active', 'completed', 'expired', 'cancelled', 'blackout'] as const;
export type OccupancyStatus = (typeof OCCUPANCY_STATUSES)[number];

/**
 * Everything that occupies a vehicle — rentals and owner blackouts — in one table,
 * so one exclusion constraint (migration 0006, `vehicle_occupancies_no_overlap`)
 * guarantees no two live ones overlap, buffer included.
 */
export const vehicleOccupancies = pgTable(
  'vehicle_occupancies',
  {
    id: uuid().notNull(),
    vehicleId: uuid()
      .notNull()
      .references(() => vehicles.id),
    kind: text({ enum: OCCUPANCY_KINDS }).notNull(),
    /** Set for rentals (one row per booking); null for blackouts. */
    bookingId: uuid(),
    startsAt: timestamp({ withTimezone: true }).notNull(),
    endsAt: timestamp({ withTimezone: true }).notNull(),
    /** [startsAt, endsAt + buffer): what the exclusion constraint compares. */
    blockedPeriod: tstzrange().notNull(),
    status: text({ enum: OCCUPANCY_STATUSES }).notNull(),
    reason: text(),
    createdBy: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    // Every key includes vehicle_id, the column this table is distributed by past one
    // primary (Citus): a key without it could not be enforced on one shard (migration 0050).
    primaryKey({ columns: [t.vehicleId, t.id] }),
    uniqueIndex('vehicle_occupancies_booking_key').on(t.vehicleId, t.bookingId),
    index('vehicle_occupancies_booking_idx').on(t.bookingId),
    check('vehicle_occupancies_kind_check', sql`${t.kind} in ('booking', 'blackout')`),
    check(
      'vehicle_occupancies_kind_shape',
      sql`(${t.kind} = 'booking') = (${t.bookingId} is not null) and (${t.kind} = 'blackout') = (${t.status} = 'blackout')`,
    ),
    check('vehicle_occupancies_range_check', sql`${t.endsAt} > ${t.startsAt}`),
  ],
);
