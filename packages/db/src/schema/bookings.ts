import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './identity';

export const BOOKING_KINDS = ['rental', 'seat'] as const;
export type BookingKind = (typeof BOOKING_KINDS)[number];
export const BOOKING_STATUS_VALUES = ['pending', 'confirmed', 'active', 'completed', 'expired', 'cancelled'] as const;

/**
 * One booking, whichever inventory it holds: a rental (vehicle_id, a time range)
 * or seats on a trip (trip_id, a leg). Price lines, commission and the
 * cancellation policy are snapshotted here when the hold is made.
 * Its status is mirrored onto vehicle_occupancies / seat_reservations by a
 * trigger (migration 0006), which is what the exclusion constraints read.
 */
export const bookings = pgTable(
  'bookings',
  {
    id: uuid().primaryKey(),
    kind: text({ enum: BOOKING_KINDS }).notNull(),
    customerId: uuid()
      .notNull()
      .references(() => users.id),
    status: text({ enum: BOOKING_STATUS_VALUES }).notNull(),
    vehicleId: uuid(),
    tripId: uuid(),
    /**
     * Who is owed the partner share: the vehicle's owner, or the trip's operator. Checked against the
     * vehicle's or trip's own row (migration 0025: foreign keys on (vehicle_id, partner_user_id) and
     * (trip_id, partner_organization_id)), not against users / organizations: a key on an operator's
     * row made every concurrent hold of that operator share one tuple lock (a MultiXact per hold).
     */
    partnerUserId: uuid(),
    partnerOrganizationId: uuid(),
    startsAt: timestamp({ withTimezone: true }).notNull(),
    endsAt: timestamp({ withTimezone: true }).notNull(),
    fromStop: integer(),
    toStop: integer(),
    pickupLocation: text(),
    currency: text().notNull(),
    totalMinor: bigint({ mode: 'number' }).notNull(),
    commissionRateBasisPoints: integer().notNull(),
    commissionMinor: bigint({ mode: 'number' }).notNull(),
    partnerMinor: bigint({ mode: 'number' }).notNull(),
    /** The CancellationPolicy in force when the booking was made. */
    policy: jsonb().notNull(),
    /** What the customer has paid for it (set when payment confirms it). */
    paidMinor: bigint({ mode: 'number' }).notNull().default(0),
    /** What the policy says is owed back on cancellation; the payments work executes it. */
    refundDueMinor: bigint({ mode: 'number' }),
    expiresAt: timestamp({ withTimezone: true }),
    holdExtendedAt: timestamp({ withTimezone: true }),
    confirmedAt: timestamp({ withTimezone: true }),
    cancelledAt: timestamp({ withTimezone: true }),
    cancelledBy: uuid().references(() => users.id),
    cancellationReason: text(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    index('bookings_customer_idx').on(t.customerId, t.createdAt),
    // Holds cap and stale-hold expiry read pending rows by customer, vehicle and trip.
    index('bookings_customer_pending_idx').on(t.customerId, t.expiresAt).where(sql`${t.status} = 'pending'`),
    // Partial on the inventory column: a seat booking writes no entry into the vehicle indexes, a rental none
    // into the trip's (every query of them names a vehicle or a trip, which implies the column is not null).
    index('bookings_vehicle_pending_idx').on(t.vehicleId, t.expiresAt).where(sql`${t.status} = 'pending' and ${t.vehicleId} is not null`),
    index('bookings_trip_idx').on(t.tripId, t.status).where(sql`${t.tripId} is not null`),
    index('bookings_vehicle_idx').on(t.vehicleId, t.startsAt).where(sql`${t.vehicleId} is not null`),
    // The console's booking list: newest first or by start, by status, by operator.
    index('bookings_created_idx').on(t.createdAt),
    index('bookings_starts_idx').on(t.startsAt),
    index('bookings_status_created_idx').on(t.status, t.createdAt),
    index('bookings_organization_idx').on(t.partnerOrganizationId, t.createdAt).where(sql`${t.partnerOrganizationId} is not null`),
    index('bookings_pending_expiry_idx').on(t.expiresAt).where(sql`${t.status} = 'pending'`),
    check('bookings_kind_check', sql`${t.kind} in ('rental', 'seat')`),
    check('bookings_status_check', sql`${t.status} in ('pending', 'confirmed', 'active', 'completed', 'expired', 'cancelled')`),
    check(
      'bookings_kind_shape',
      sql`(${t.kind} = 'rental') = (${t.vehicleId} is not null) and (${t.kind} = 'seat') = (${t.tripId} is not null)`,
    ),
    // The partner is the inventory's: the composite foreign keys of migration 0025 only check a partner beside its inventory.
    check(
      'bookings_partner_shape',
      sql`(${t.partnerUserId} is null or ${t.vehicleId} is not null) and (${t.partnerOrganizationId} is null or ${t.tripId} is not null)`,
    ),
    check('bookings_range_check', sql`${t.endsAt} > ${t.startsAt}`),
    check('bookings_leg_check', sql`${t.kind} <> 'seat' or (${t.fromStop} >= 0 and ${t.toStop} > ${t.fromStop})`),
    check(
      'bookings_money_check',
      sql`${t.totalMinor} >= 0 and ${t.commissionMinor} >= 0 and ${t.partnerMinor} = ${t.totalMinor} - ${t.commissionMinor} and ${t.paidMinor} >= 0 and coalesce(${t.refundDueMinor}, 0) >= 0 and coalesce(${t.refundDueMinor}, 0) <= ${t.paidMinor}`,
    ),
    check('bookings_pending_expires', sql`${t.status} <> 'pending' or ${t.expiresAt} is not null`),
    check('bookings_currency_check', sql`${t.currency} ~ '^[A-Z]{3}$'`),
  ],
);

/** The price as it was quoted: one line per rental-day block or per seat. */
export const bookingLines = pgTable(
  'booking_lines',
  {
    id: uuid().primaryKey(),
    bookingId: uuid()
      .notNull()
      .references(() => bookings.id, { onDelete: 'cascade' }),
    position: integer().notNull(),
    kind: text().notNull(),
    description: text().notNull(),
    quantity: integer().notNull(),
    unitMinor: bigint({ mode: 'number' }).notNull(),
    amountMinor: bigint({ mode: 'number' }).notNull(),
    seatNo: text(),
  },
  (t) => [uniqueIndex('booking_lines_position_key').on(t.bookingId, t.position)],
);
