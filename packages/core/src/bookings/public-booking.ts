import { type DatabaseOrTransaction, schema } from '@fareway/db';
import { type BookingStatus, type CancellationPolicy, toMajorUnits } from '@fareway/domain';
import { asc, eq, inArray } from 'drizzle-orm';

export type BookingRow = typeof schema.bookings.$inferSelect;

/** A booking as its customer (and the mobile client of seed 000) sees it; rentals and seats share the shape. */
export interface PublicBooking {
  id: string;
  kind: 'rental' | 'seat';
  status: BookingStatus;
  vehicleId: string | null;
  tripId: string | null;
  /** The vehicle's or trip's IANA zone: its times are shown and typed on that wall clock. */
  timeZone: string;
  startDate: string;
  endDate: string;
  fromStop: number | null;
  toStop: number | null;
  pickupLocation: string | null;
  /** Major units, kept for seed 000's first mobile client; use totalMinor. */
  totalPrice: number;
  totalMinor: number;
  currency: string;
  paidMinor: number;
  /** Set on cancellation: what the snapshotted policy says is owed back. */
  refundDueMinor: number | null;
  expiresAt: string | null;
  confirmedAt: string | null;
  cancelledAt: string | null;
  cancellationReason: string | null;
  lines: { kind: string; description: string; quantity: number; unitMinor: number; amountMinor: number; seatNo: string | null }[];
  seats: { seatNo: string; passengerName: string | null; fareMinor: number }[];
  /** The policy snapshotted when booked: what cancelling now would refund (the SPA previews it). */
  cancellationPolicy: CancellationPolicy;
  /** Refunds of its payments, oldest first, as they move (pending → succeeded | failed). */
  refunds: PublicRefund[];
  createdAt: string;
}

export interface PublicRefund {
  id: string;
  amountMinor: number;
  currency: string;
  destination: 'gateway' | 'wallet';
  status: 'pending' | 'succeeded' | 'failed';
  createdAt: string;
  completedAt: string | null;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Loads lines and seats for many bookings in two queries (lists stay at a fixed number of round trips). */
export async function toPublicBookings(tx: DatabaseOrTransaction, rows: BookingRow[]): Promise<PublicBooking[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const vehicleIds = [...new Set(rows.flatMap((r) => (r.vehicleId ? [r.vehicleId] : [])))];
  const tripIds = [...new Set(rows.flatMap((r) => (r.tripId ? [r.tripId] : [])))];
  const [lines, seats, vehicleZones, tripZones, refunds] = await Promise.all([
    tx.select().from(schema.bookingLines).where(inArray(schema.bookingLines.bookingId, ids)).orderBy(asc(schema.bookingLines.position)),
    tx
      .select()
      .from(schema.seatReservations)
      .where(inArray(schema.seatReservations.bookingId, ids))
      .orderBy(asc(schema.seatReservations.seatNo)),
    vehicleIds.length === 0
      ? []
      : tx
          .select({ id: schema.vehicles.id, timeZone: schema.vehicles.timeZone })
          .from(schema.vehicles)
          .where(inArray(schema.vehicles.id, vehicleIds)),
    tripIds.length === 0
      ? []
      : tx.select({ id: schema.trips.id, timeZone: schema.trips.timeZone }).from(schema.trips).where(inArray(schema.trips.id, tripIds)),
    // Through payments (indexed by booking), then refunds by payment.
    tx
      .select({ bookingId: schema.payments.bookingId, refund: schema.refunds })
      .from(schema.refunds)
      .innerJoin(schema.payments, eq(schema.payments.id, schema.refunds.paymentId))
      .where(inArray(schema.payments.bookingId, ids))
      .orderBy(asc(schema.refunds.createdAt)),
  ]);
  const zones = new Map([...vehicleZones, ...tripZones].map((z) => [z.id, z.timeZone]));
  return rows.map((row) =>
    publicBookingOf(
      row,
      lines.filter((l) => l.bookingId === row.id),
      seats.filter((s) => s.bookingId === row.id),
      // Every booking has a vehicle or a trip (a check constraint); UTC only if that ever breaks.
      zones.get(row.vehicleId ?? row.tripId ?? '') ?? 'UTC',
      refunds.filter((r) => r.bookingId === row.id).map((r) => publicRefundOf(r.refund)),
    ),
  );
}

function publicRefundOf(refund: typeof schema.refunds.$inferSelect): PublicRefund {
  return {
    id: refund.id,
    amountMinor: refund.amountMinor,
    currency: refund.currency,
    destination: refund.destination,
    status: refund.status,
    createdAt: refund.createdAt.toISOString(),
    completedAt: iso(refund.completedAt),
  };
}

/** The full row of a hold just inserted, from its insert values (the columns it leaves to their defaults filled in). */
export function heldBookingRow(
  booking: typeof schema.bookings.$inferInsert & { id: string; expiresAt: Date; createdAt: Date; updatedAt: Date },
): BookingRow {
  return {
    ...booking,
    kind: booking.kind as BookingRow['kind'],
    status: 'pending',
    vehicleId: booking.vehicleId ?? null,
    tripId: booking.tripId ?? null,
    partnerUserId: booking.partnerUserId ?? null,
    partnerOrganizationId: booking.partnerOrganizationId ?? null,
    fromStop: booking.fromStop ?? null,
    toStop: booking.toStop ?? null,
    pickupLocation: booking.pickupLocation ?? null,
    paidMinor: 0,
    refundDueMinor: null,
    holdExtendedAt: null,
    confirmedAt: null,
    cancelledAt: null,
    cancelledBy: null,
    cancellationReason: null,
  };
}

/**
 * One booking's public shape from its row, its lines (in position order) and
 * its seats (in seat order). Holds build their answer with it from the rows
 * they just wrote, so the hot path does not read them back.
 */
export function publicBookingOf(
  row: BookingRow,
  lines: ReadonlyArray<{
    kind: string;
    description: string;
    quantity: number;
    unitMinor: number;
    amountMinor: number;
    seatNo?: string | null;
  }>,
  seats: ReadonlyArray<{ seatNo: string; passengerName: string | null; fareMinor: number }>,
  timeZone: string,
  refunds: PublicRefund[] = [],
): PublicBooking {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    vehicleId: row.vehicleId,
    tripId: row.tripId,
    timeZone,
    startDate: row.startsAt.toISOString(),
    endDate: row.endsAt.toISOString(),
    fromStop: row.fromStop,
    toStop: row.toStop,
    pickupLocation: row.pickupLocation,
    totalPrice: toMajorUnits(row.totalMinor, row.currency),
    totalMinor: row.totalMinor,
    currency: row.currency,
    paidMinor: row.paidMinor,
    refundDueMinor: row.refundDueMinor,
    expiresAt: row.status === 'pending' ? iso(row.expiresAt) : null,
    confirmedAt: iso(row.confirmedAt),
    cancelledAt: iso(row.cancelledAt),
    cancellationReason: row.cancellationReason,
    lines: lines.map((l) => ({
      kind: l.kind,
      description: l.description,
      quantity: l.quantity,
      unitMinor: l.unitMinor,
      amountMinor: l.amountMinor,
      seatNo: l.seatNo ?? null,
    })),
    seats: seats.map((s) => ({ seatNo: s.seatNo, passengerName: s.passengerName, fareMinor: s.fareMinor })),
    cancellationPolicy: row.policy as CancellationPolicy,
    refunds,
    createdAt: row.createdAt.toISOString(),
  };
}

export async function toPublicBooking(tx: DatabaseOrTransaction, row: BookingRow): Promise<PublicBooking> {
  const [booking] = await toPublicBookings(tx, [row]);
  if (!booking) throw new Error('unreachable: one row in, one booking out');
  return booking;
}
