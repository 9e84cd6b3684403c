import { schema } from '@fareway/db';
import { AppError, bookingReference } from '@fareway/domain';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { loadBookingFor } from '../bookings/load-booking-for';
import { type PublicBooking, toPublicBooking } from '../bookings/public-booking';
import type { Deps } from '../deps';
import type { Actor } from '../identity/users';

export interface Receipt {
  reference: string;
  booking: PublicBooking;
  /** What was booked, in words: the car ("Toyota Aqua 2020, Colombo") or the trip and its leg. */
  title: string;
  /** Payments that took money (intents that never captured are not on a receipt). */
  payments: Array<{ id: string; provider: string; amountMinor: number; currency: string; status: string; paidAt: string | null }>;
  totals: { chargedMinor: number; paidMinor: number; refundedMinor: number; netMinor: number; currency: string };
}

/**
 * `GET /bookings/{id}/receipt`: what a paid booking (car or seats) cost: its price lines, the
 * payments that captured, the refunds and the totals. For the booking's customer, its partner and admins.
 */
export async function getReceipt(deps: Pick<Deps, 'db'>, actor: Actor, bookingId: string): Promise<Receipt> {
  const { booking } = await loadBookingFor(deps.db, actor, bookingId);
  const [publicBooking, payments] = await Promise.all([
    toPublicBooking(deps.db, booking),
    deps.db
      .select()
      .from(schema.payments)
      .where(
        and(eq(schema.payments.bookingId, booking.id), inArray(schema.payments.status, ['completed', 'partially_refunded', 'refunded'])),
      )
      .orderBy(asc(schema.payments.createdAt)),
  ]);
  if (payments.length === 0) throw new AppError('RECEIPT_NOT_ISSUED', 'No receipt: nothing has been paid for this booking');
  const paidMinor = payments.reduce((sum, p) => sum + p.capturedMinor, 0);
  // Money: only refunds that went through count as given back; pending ones show with their state.
  const refundedMinor = publicBooking.refunds.filter((r) => r.status === 'succeeded').reduce((sum, r) => sum + r.amountMinor, 0);
  return {
    reference: bookingReference(booking.id),
    booking: publicBooking,
    title: await titleOf(deps, booking),
    payments: payments.map((p) => ({
      id: p.id,
      provider: p.provider,
      amountMinor: p.capturedMinor,
      currency: p.currency,
      status: p.status,
      paidAt: p.completedAt?.toISOString() ?? null,
    })),
    totals: { chargedMinor: booking.totalMinor, paidMinor, refundedMinor, netMinor: paidMinor - refundedMinor, currency: booking.currency },
  };
}

async function titleOf(
  deps: Pick<Deps, 'db'>,
  booking: { vehicleId: string | null; tripId: string | null; fromStop: number | null; toStop: number | null },
) {
  if (booking.vehicleId) {
    const [vehicle] = await deps.db
      .select({ make: schema.vehicles.make, model: schema.vehicles.model, year: schema.vehicles.year, city: schema.vehicles.city })
      .from(schema.vehicles)
      .where(eq(schema.vehicles.id, booking.vehicleId))
      .limit(1);
    return vehicle ? `${vehicle.make} ${vehicle.model} ${vehicle.year}, ${vehicle.city}` : 'Car rental';
  }
  const tripId = booking.tripId ?? '';
  const [[route], stops] = await Promise.all([
    deps.db
      .select({ name: schema.routes.name })
      .from(schema.trips)
      .innerJoin(schema.routes, eq(schema.routes.id, schema.trips.routeId))
      .where(eq(schema.trips.id, tripId))
      .limit(1),
    deps.db
      .select({ position: schema.tripStops.position, name: schema.tripStops.name })
      .from(schema.tripStops)
      .where(eq(schema.tripStops.tripId, tripId)),
  ]);
  const name = (position: number | null) => stops.find((s) => s.position === position)?.name ?? '?';
  return `${route?.name ?? 'Trip'}: ${name(booking.fromStop)} → ${name(booking.toStop)}`;
}
