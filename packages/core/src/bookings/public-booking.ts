import { type DatabaseOrTransaction, schema } from '@fareway/db';
import { type BookingStatus, toMajorUnits } from '@fareway/domain';
import { asc, inArray } from 'drizzle-orm';

export type BookingRow = typeof schema.bookings.$inferSelect;

/** A booking as its customer (and the mobile client of seed 000) sees it; rentals and seats share the shape. */
export interface PublicBooking {
  id: string;
  kind: 'rental' | 'seat';
  status: BookingStatus;
  vehicleId: string | null;
  tripId: string | null;
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
  createdAt: string;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Loads lines and seats for many bookings in two queries (lists stay at a fixed number of round trips). */
export async function toPublicBookings(tx: DatabaseOrTransaction, rows: BookingRow[]): Promise<PublicBooking[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [lines, seats] = await Promise.all([
    tx.select().from(schema.bookingLines).where(inArray(schema.bookingLines.bookingId, ids)).orderBy(asc(schema.bookingLines.position)),
    tx
      .select()
      .from(schema.seatReservations)
      .where(inArray(schema.seatReservations.bookingId, ids))
      .orderBy(asc(schema.seatReservations.seatNo)),
  ]);
  return rows.map((row) =>
    publicBookingOf(
      row,
      lines.filter((l) => l.bookingId === row.id),
      seats.filter((s) => s.bookingId === row.id),
    ),
  );
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
): PublicBooking {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    vehicleId: row.vehicleId,
    tripId: row.tripId,
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
    createdAt: row.createdAt.toISOString(),
  };
}

export async function toPublicBooking(tx: DatabaseOrTransaction, row: BookingRow): Promise<PublicBooking> {
  const [booking] = await toPublicBookings(tx, [row]);
  if (!booking) throw new Error('unreachable: one row in, one booking out');
  return booking;
}
