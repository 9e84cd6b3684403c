import { intRangeLiteral, newId, reusableStatement, schema, withPipelinedTransaction } from '@fareway/db';
import { AppError, assertLeg, findAppError, isTripBookable, quoteSeats } from '@fareway/domain';
import { sql } from 'drizzle-orm';
import type { RequestOrigin } from '../audit/record-audit';
import { holdLocks } from '../bookings/booking-locks';
import { expireStaleHolds } from '../bookings/expire-stale-holds';
import { holdLimitReached } from '../bookings/hold-limit';
import { type BookingRow, heldBookingRow, type PublicBooking, publicBookingOf } from '../bookings/public-booking';
import { wakeAfterHold, writeHold } from '../bookings/write-hold';
import type { Deps } from '../deps';
import type { Actor } from '../identity/users';
import { recipientFromUser } from '../notifications/queue-notification';
import { loadTripStops } from '../trips/trip-rows';
import { emitBookingEvents } from '../webhooks/emit-partner-event';
import { compareSeatNos, findTakenSeats, legOverlaps, liveAt } from './seat-occupancy';

export interface ReserveSeatsInput {
  tripId: string;
  seatNumbers: string[];
  /** 0-based stop indexes; omitted, the whole trip. */
  fromStop?: number;
  toStop?: number;
  /** 1–15 minutes; the configured default when omitted. */
  holdDurationMinutes?: number;
  passengers?: Array<{ seatNo: string; name: string }>;
}

export const MAX_SEAT_HOLD_MINUTES = 15;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function invalid(message: string, path: string, detail = message): AppError {
  return new AppError('VALIDATION_ERROR', message, { details: [{ path, message: detail }] });
}

interface StopJson {
  name: string;
  departsAt: string;
  arrivesAt: string;
  fareToNextMinor: number | null;
}

type HeldSeats = { booking: PublicBooking; emitted: boolean };

type SeatHoldFacts = {
  id: string;
  organization_id: string;
  status: (typeof schema.trips.$inferSelect)['status'];
  currency: string;
  time_zone: string;
  organization_status: string;
  cells: (typeof schema.seatLayouts.$inferSelect)['cells'];
  live_holds: number;
  stale: boolean;
  listened: boolean;
  customer: { id: string; phone: string | null; email: string | null; locale: string | null } | null;
  stops: StopJson[] | null;
  /** Which of the requested seats are live (sold, or held and not lapsed) for the leg, unsorted. */
  taken: string[];
};

/**
 * The hold's one read, built once (this path is hot): the trip, its operator's standing, its seats and stops,
 * the customer's live holds, whether the trip has lapsed holds to expire, whether anyone listens for
 * booking.held, the customer's addresses for the notice, and which requested seats are taken for the leg
 * (toStop omitted: the last stop). No row when there is no such trip.
 */
const seatHoldFacts = reusableStatement(() => {
  const at = sql.placeholder('at');
  const customer = sql`${sql.placeholder('customer')}::uuid`;
  const fromStop = sql`${sql.placeholder('fromStop')}::int`;
  // An impossible leg reads as empty here; assertLeg refuses it after the read.
  const toStop = sql`greatest(${fromStop}, coalesce(${sql.placeholder('toStop')}::int, s.stop_count - 1))`;
  return sql`
    select t.id, t.organization_id, t.status, t.currency, t.time_zone, o.status as organization_status, l.cells,
      (select count(*)::int from bookings b
        where b.customer_id = ${customer} and b.status = 'pending' and b.expires_at > ${at}::timestamptz) as live_holds,
      exists (select 1 from bookings b
        where b.trip_id = t.id and b.status = 'pending' and b.expires_at <= ${at}::timestamptz) as stale,
      exists (select 1 from webhook_endpoints e where e.status = 'active' and 'booking.held' = any(e.events)
        and (e.organization_id is null or e.organization_id = t.organization_id)) as listened,
      (select json_build_object('id', u.id, 'phone', u.phone, 'email', u.email, 'locale', u.locale)
        from users u where u.id = ${customer}) as customer,
      s.stops,
      (select coalesce(json_agg(distinct ${schema.seatReservations.seatNo}), '[]'::json)
        from ${schema.seatReservations} join ${schema.bookings} on ${schema.bookings.id} = ${schema.seatReservations.bookingId}
        where ${schema.seatReservations.tripId} = t.id
          and ${schema.seatReservations.seatNo} = any(${sql.placeholder('seats')}::text[])
          and ${legOverlaps(fromStop, toStop)} and ${liveAt(at)}) as taken
    from trips t
      join organizations o on o.id = t.organization_id
      join seat_layouts l on l.id = t.layout_id
      cross join lateral (
        select json_agg(json_build_object('name', ts.name, 'departsAt', ts.departs_at, 'arrivesAt', ts.arrives_at,
          'fareToNextMinor', ts.fare_to_next_minor) order by ts.position) as stops, count(*)::int as stop_count
        from trip_stops ts where ts.trip_id = t.id
      ) s
    where t.id = ${sql.placeholder('trip')}::uuid`;
});

/** A stop index as the read's parameter: what is not a plausible index is left to assertLeg (an int overflow would be a 500). */
function stopParameter(stop: number | undefined): number | null {
  return stop !== undefined && Number.isInteger(stop) && stop >= 0 && stop < 10_000 ? stop : null;
}

/** The new hold as `toPublicBookings` shows it, from the rows just written (saves reading them back). */
function heldBooking(
  row: BookingRow,
  lines: Array<{ position: number } & Parameters<typeof publicBookingOf>[1][number]>,
  seats: Array<{ seatNo: string; passengerName: string | null; fareMinor: number }>,
  timeZone: string,
): PublicBooking {
  // The orders toPublicBookings reads them in: lines by position, seats by seat_no.
  return publicBookingOf(
    row,
    [...lines].sort((a, b) => a.position - b.position),
    [...seats].sort((a, b) => (a.seatNo < b.seatNo ? -1 : a.seatNo > b.seatNo ? 1 : 0)),
    timeZone,
  );
}

/** Checks what needs no database, before any lock is taken. */
function normalise(deps: Pick<Deps, 'config'>, input: ReserveSeatsInput) {
  const { maxSeatsPerBooking, seatHoldDefaultMinutes } = deps.config.bookings;
  if (!UUID.test(input.tripId)) throw new AppError('TRIP_NOT_FOUND', 'No such trip');
  const seats = input.seatNumbers.map((s) => s.trim().toUpperCase());
  if (seats.length < 1 || seats.length > maxSeatsPerBooking)
    throw invalid(`Choose 1–${maxSeatsPerBooking} seats per booking`, 'seatNumbers');
  const duplicate = seats.find((s, i) => seats.indexOf(s) !== i);
  if (duplicate !== undefined) throw invalid(`Seat ${duplicate} is listed twice`, 'seatNumbers');
  const holdMinutes = input.holdDurationMinutes ?? seatHoldDefaultMinutes;
  if (!Number.isInteger(holdMinutes) || holdMinutes < 1 || holdMinutes > MAX_SEAT_HOLD_MINUTES)
    throw invalid(`A seat hold lasts 1–${MAX_SEAT_HOLD_MINUTES} minutes`, 'holdDurationMinutes');
  const names = new Map<string, string>();
  for (const [i, passenger] of (input.passengers ?? []).entries()) {
    const seatNo = passenger.seatNo.trim().toUpperCase();
    const name = passenger.name.trim();
    if (!seats.includes(seatNo))
      throw invalid(`Passenger ${i + 1} sits in ${seatNo}, which is not reserved here`, `passengers.${i}.seatNo`);
    if (names.has(seatNo)) throw invalid(`Seat ${seatNo} has two passengers`, `passengers.${i}.seatNo`);
    if (name.length < 1 || name.length > 100) throw invalid('A passenger name is 1–100 characters', `passengers.${i}.name`);
    names.set(seatNo, name);
  }
  return { seats: [...seats].sort(compareSeatNos), holdMinutes, names };
}

/**
 * `POST /bookings/reserve` (seed 003's SeatLock, made race-free): holds every
 * requested seat for the leg, or none. One transaction: the customer's lock,
 * then the trip's (so holds of one trip queue, never deadlock); lapsed holds
 * of the trip are expired first; then the check, the quote and the insert.
 * `seat_reservations_no_overlap` has the last word: if it ever fires, the
 * client still gets SEATS_UNAVAILABLE, with the taken seats read after the
 * rollback.
 */
export async function reserveSeats(deps: Deps, actor: Actor, input: ReserveSeatsInput, origin: RequestOrigin): Promise<PublicBooking> {
  const { seats, holdMinutes, names } = normalise(deps, input);
  try {
    const now = deps.clock.now();
    const held = await withPipelinedTransaction<[Record<string, unknown>[], SeatHoldFacts[]], HeldSeats>(
      deps.db,
      // BEGIN, both locks, then (run once they are held) the hold's one read: one round trip.
      (tx) => [
        holdLocks(tx, actor.userId, { kind: 'trip', id: input.tripId }),
        seatHoldFacts(tx, {
          trip: input.tripId,
          customer: actor.userId,
          at: now.toISOString(),
          fromStop: stopParameter(input.fromStop) ?? 0,
          toStop: stopParameter(input.toStop),
          seats,
        }),
      ],
      async (tx, [, [found]], commit) => {
        if (!found) throw new AppError('TRIP_NOT_FOUND', 'No such trip');
        if (found.organization_status !== 'approved')
          throw new AppError('TRIP_NOT_BOOKABLE', 'This operator is not approved to sell seats yet');
        if (!isTripBookable(found.status)) throw new AppError('TRIP_NOT_BOOKABLE', `The trip is ${found.status} and sells no seats`);
        const trip = { id: found.id, organizationId: found.organization_id, currency: found.currency, timeZone: found.time_zone };
        const stops = (found.stops ?? []).map((s) => ({ ...s, departsAt: new Date(s.departsAt), arrivesAt: new Date(s.arrivesAt) }));
        const fromStop = input.fromStop ?? 0;
        const toStop = input.toStop ?? stops.length - 1;
        assertLeg(stops.length, fromStop, toStop);
        const boarding = stops[fromStop];
        const alighting = stops[toStop];
        if (!boarding || !alighting) throw new Error('unreachable: assertLeg checked the stops');
        if (boarding.departsAt.getTime() <= now.getTime())
          throw new AppError('TRIP_NOT_BOOKABLE', `The bus has already left ${boarding.name}`);

        const labels = new Set(found.cells.filter((c) => c.kind === 'seat' && c.label).map((c) => c.label));
        const unknown = seats.filter((s) => !labels.has(s));
        if (unknown.length > 0)
          throw new AppError('VALIDATION_ERROR', `No seat ${unknown.join(', ')} on this bus`, {
            details: unknown.map((s) => ({ path: 'seatNumbers', message: `no seat ${s}` })),
          });

        // Rare: lapsed holds the sweep has not reached; their rows would still meet the exclusion constraint.
        if (found.stale) await expireStaleHolds(tx, { tripId: trip.id }, now, origin);
        if (found.live_holds >= deps.config.bookings.maxLiveHoldsPerUser) throw holdLimitReached(deps.config.bookings.maxLiveHoldsPerUser);
        // The read counted only holds live at `now`, so lapsed ones (expired just above or not) never make a seat taken.
        if (found.taken.length > 0) {
          const taken = [...found.taken].sort(compareSeatNos);
          throw new AppError('SEATS_UNAVAILABLE', `Seat${taken.length > 1 ? 's' : ''} ${taken.join(', ')} already taken for this leg`, {
            details: { seats: taken },
          });
        }

        // Money: the leg's fare is the sum of its segments, decided once in domain and snapshotted with policy and commission.
        const quote = quoteSeats(
          { segmentFaresMinor: stops.slice(0, -1).map((s) => s.fareToNextMinor ?? 0), currency: trip.currency },
          { fromStop, toStop, seatNumbers: seats },
          { commissionRateBasisPoints: deps.config.bookings.commissionRateBasisPoints, policy: deps.config.bookings.policy },
        );
        const bookingId = newId();
        const legs = intRangeLiteral(fromStop, toStop);
        const reserved = quote.lines.map((line) => ({
          id: newId(),
          bookingId,
          tripId: trip.id,
          seatNo: line.seatNo ?? '',
          legs,
          fromStop,
          toStop,
          passengerName: names.get(line.seatNo ?? '') ?? null,
          fareMinor: line.amountMinor,
          status: 'pending',
          createdAt: now,
        }));
        const expiresAt = new Date(now.getTime() + holdMinutes * 60_000);
        const { booking, lines } = await writeHold(
          tx,
          deps,
          {
            booking: {
              id: bookingId,
              kind: 'seat',
              customerId: actor.userId,
              status: 'pending',
              tripId: trip.id,
              partnerOrganizationId: trip.organizationId,
              startsAt: boarding.departsAt,
              endsAt: alighting.arrivesAt,
              fromStop,
              toStop,
              expiresAt,
              createdAt: now,
              updatedAt: now,
            },
            quote,
            inventory: { table: schema.seatReservations, rows: reserved },
            origin,
            audit: {
              actorUserId: actor.userId,
              action: 'booking.held',
              subjectType: 'booking',
              subjectId: bookingId,
              after: { kind: 'seat', tripId: trip.id, seats, fromStop, toStop, totalMinor: quote.totalMinor, currency: quote.currency },
            },
            notice: {
              facts: {
                bookingId,
                kind: 'seat',
                status: 'pending',
                customerId: actor.userId,
                title: `${boarding.name} → ${alighting.name} (${seats.join(', ')})`,
                startsAt: boarding.departsAt,
                expiresAt,
                timeZone: trip.timeZone,
                currency: quote.currency,
                amountMinor: quote.totalMinor,
                totalMinor: quote.totalMinor,
                paidMinor: 0,
                refundDueMinor: null,
              },
              recipient: found.customer ? recipientFromUser(found.customer) : null,
            },
          },
          // COMMIT goes with the writes, unless partner events are still to be written (rare: someone listens).
          found.listened ? undefined : commit,
        );
        const row = heldBookingRow(booking);
        if (found.listened) await emitBookingEvents(tx, 'booking.held', [row], now);
        return { booking: heldBooking(row, lines, reserved, trip.timeZone), emitted: found.listened };
      },
    );
    wakeAfterHold(deps, held.emitted);
    return held.booking;
  } catch (error) {
    const appError = findAppError(error);
    // The exclusion constraint caught what the check missed: say which seats, read afresh after the rollback.
    if (appError?.code === 'SEATS_UNAVAILABLE' && appError.details === undefined) {
      const now = deps.clock.now();
      const fromStop = input.fromStop ?? 0;
      const toStop = input.toStop ?? (await loadTripStops(deps.db, input.tripId)).length - 1;
      const taken = await findTakenSeats(deps.db, { tripId: input.tripId, fromStop, toStop, now, seatNos: seats });
      throw new AppError('SEATS_UNAVAILABLE', appError.message, { details: { seats: taken }, cause: error });
    }
    throw error;
  }
}
