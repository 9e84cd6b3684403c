import type { DatabaseOrTransaction } from '@fareway/db';
import type { BookingFacts } from '@fareway/domain';
import { sql } from 'drizzle-orm';

export interface BookingNoticeFacts extends BookingFacts {
  customerId: string;
  status: string;
  totalMinor: number;
  paidMinor: number;
  refundDueMinor: number | null;
  expiresAt: Date | null;
}

/** Joined to `bookings b`: what a notice names a booking by (its vehicle, or its trip's stops), and its zone. */
export const BOOKING_FACTS_JOINS = sql`
      left join vehicles v on v.id = b.vehicle_id
      left join trips t on t.id = b.trip_id
      left join trip_stops fs on fs.trip_id = b.trip_id and fs.position = b.from_stop
      left join trip_stops ts on ts.trip_id = b.trip_id and ts.position = b.to_stop`;
/** `Toyota Aqua 2019`, or `Colombo → Kandy (1A, 1B)`, over BOOKING_FACTS_JOINS. */
export const BOOKING_TITLE = sql`case when b.kind = 'rental' then concat_ws(' ', v.make, v.model, v.year::text)
                else concat(fs.name, ' → ', ts.name,
                       (select ' (' || string_agg(sr.seat_no, ', ' order by sr.seat_no) || ')'
                          from seat_reservations sr where sr.booking_id = b.id)) end`;
/** The vehicle's or the trip's zone, over BOOKING_FACTS_JOINS. */
export const BOOKING_TIME_ZONE = sql`coalesce(v.time_zone, t.time_zone)`;

/**
 * What a booking notice says about each booking: its title (the vehicle, or the
 * leg and seats), start and the zone of its vehicle or trip, money, customer.
 * One query for many bookings. `amountMinor` is the total; callers set the
 * amount their notice is about.
 */
export async function loadBookingFacts(db: DatabaseOrTransaction, bookingIds: string[]): Promise<Map<string, BookingNoticeFacts>> {
  if (bookingIds.length === 0) return new Map();
  const rows = await db.execute<{
    id: string;
    kind: 'rental' | 'seat';
    status: string;
    customer_id: string;
    starts_at: string | Date;
    expires_at: string | Date | null;
    time_zone: string;
    title: string;
    currency: string;
    total_minor: string | number;
    paid_minor: string | number;
    refund_due_minor: string | number | null;
  }>(sql`
    select b.id, b.kind, b.status, b.customer_id, b.starts_at, b.expires_at, b.currency,
           b.total_minor, b.paid_minor, b.refund_due_minor,
           ${BOOKING_TIME_ZONE} as time_zone, ${BOOKING_TITLE} as title
      from bookings b ${BOOKING_FACTS_JOINS}
     where b.id in ${bookingIds}`);
  const num = (v: string | number | null) => (v === null ? null : Number(v));
  return new Map(
    rows.map((r) => [
      r.id,
      {
        bookingId: r.id,
        kind: r.kind,
        status: r.status,
        customerId: r.customer_id,
        title: r.title,
        startsAt: new Date(r.starts_at),
        expiresAt: r.expires_at === null ? null : new Date(r.expires_at),
        timeZone: r.time_zone,
        currency: r.currency,
        amountMinor: Number(r.total_minor),
        totalMinor: Number(r.total_minor),
        paidMinor: Number(r.paid_minor),
        refundDueMinor: num(r.refund_due_minor),
      },
    ]),
  );
}
