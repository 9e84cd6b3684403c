import { type DatabaseOrTransaction, schema } from '@fareway/db';
import { type BookingStatus, bookingReference } from '@fareway/domain';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { BookingRow } from '../bookings/public-booking';
import { operatorOf, type PublicOperator } from '../organizations/public-operator';

/** What a seat booking's e-ticket says, and what the operator's scanner reads back. */
export interface TicketView {
  bookingId: string;
  /** The reference people quote (`FW-XXXXXXXX`). */
  reference: string;
  status: BookingStatus;
  tripId: string;
  operator: PublicOperator;
  routeName: string;
  bus: { name: string; registrationNumber: string };
  /** The trip's IANA zone: departure and arrival are shown on its wall clock. */
  timeZone: string;
  from: { position: number; name: string; city: string; departsAt: string };
  to: { position: number; name: string; city: string; arrivesAt: string };
  passengers: Array<{ seatNo: string; passengerName: string | null }>;
  customerName: string | null;
  totalMinor: number;
  currency: string;
}

/** The ticket of one seat booking row, read in three small queries. */
export async function loadTicketView(tx: DatabaseOrTransaction, booking: BookingRow): Promise<TicketView> {
  const tripId = booking.tripId;
  if (!tripId || booking.fromStop === null || booking.toStop === null) throw new Error('a seat booking without its leg');
  const [[trip], stops, seats, [customer]] = await Promise.all([
    tx
      .select({
        operatorId: schema.organizations.id,
        operatorName: schema.organizations.name,
        operatorLogo: schema.organizations.logoFileId,
        routeName: schema.routes.name,
        busName: schema.buses.name,
        registrationNumber: schema.buses.registrationNumber,
        timeZone: schema.trips.timeZone,
      })
      .from(schema.trips)
      .innerJoin(schema.organizations, eq(schema.organizations.id, schema.trips.organizationId))
      .innerJoin(schema.routes, eq(schema.routes.id, schema.trips.routeId))
      .innerJoin(schema.buses, eq(schema.buses.id, schema.trips.busId))
      .where(eq(schema.trips.id, tripId))
      .limit(1),
    tx
      .select()
      .from(schema.tripStops)
      .where(and(eq(schema.tripStops.tripId, tripId), inArray(schema.tripStops.position, [booking.fromStop, booking.toStop]))),
    tx
      .select({ seatNo: schema.seatReservations.seatNo, passengerName: schema.seatReservations.passengerName })
      .from(schema.seatReservations)
      .where(eq(schema.seatReservations.bookingId, booking.id))
      .orderBy(asc(schema.seatReservations.seatNo)),
    tx.select({ name: schema.users.name }).from(schema.users).where(eq(schema.users.id, booking.customerId)).limit(1),
  ]);
  const from = stops.find((s) => s.position === booking.fromStop);
  const to = stops.find((s) => s.position === booking.toStop);
  if (!trip || !from || !to) throw new Error('a seat booking whose trip or stops are gone');
  return {
    bookingId: booking.id,
    reference: bookingReference(booking.id),
    status: booking.status,
    tripId,
    operator: operatorOf(trip.operatorId, trip.operatorName, trip.operatorLogo),
    routeName: trip.routeName,
    bus: { name: trip.busName, registrationNumber: trip.registrationNumber },
    timeZone: trip.timeZone,
    from: { position: from.position, name: from.name, city: from.city, departsAt: from.departsAt.toISOString() },
    to: { position: to.position, name: to.name, city: to.city, arrivesAt: to.arrivesAt.toISOString() },
    passengers: seats,
    customerName: customer?.name ?? null,
    totalMinor: booking.totalMinor,
    currency: booking.currency,
  };
}

/** A ticket is issued once the seats are paid for: confirmed, and still while travelling or after. */
export const TICKETED_STATUSES: readonly BookingStatus[] = ['confirmed', 'active', 'completed'];
