import { intRangeLiteral, newId, schema, withTransaction } from '@fareway/db';
import { AppError, assertLeg, findAppError, isTripBookable, quoteSeats } from '@fareway/domain';
import { eq, sql } from 'drizzle-orm';
import type { RequestOrigin } from '../audit/record-audit';
import { lockForHold } from '../bookings/booking-locks';
import { expireStaleHolds } from '../bookings/expire-stale-holds';
import { holdLimitReached } from '../bookings/hold-limit';
import { type BookingRow, heldBookingRow, type PublicBooking, publicBookingOf } from '../bookings/public-booking';
import { wakeAfterHold, writeHold } from '../bookings/write-hold';
import type { Deps } from '../deps';
import type { Actor } from '../identity/users';
import { recipientFromUser } from '../notifications/queue-notification';
import { loadTripStops } from '../trips/trip-rows';
import { emitBookingEvents } from '../webhooks/emit-partner-event';
import { compareSeatNos, findTakenSeats } from './seat-occupancy';

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
    const held = await withTransaction(deps.db, async (tx) => {
      await lockForHold(tx, actor.userId, { kind: 'trip', id: input.tripId });
      const now = deps.clock.now();
      const at = now.toISOString();
      // One round trip for the trip, its operator's standing, its seats and its stops (this path is hot).
      const [found] = await tx
        .select({
          trip: schema.trips,
          organizationStatus: schema.organizations.status,
          cells: schema.seatLayouts.cells,
          // The customer's live holds, lapsed holds on this trip, the customer's addresses for the notice, and
          // whether anyone listens for booking.held: folded into this read, as they were four more round trips.
          liveHolds: sql<number>`(select count(*)::int from bookings b
            where b.customer_id = ${actor.userId} and b.status = 'pending' and b.expires_at > ${at}::timestamptz)`,
          stale: sql<boolean>`exists (select 1 from bookings b
            where b.trip_id = ${schema.trips.id} and b.status = 'pending' and b.expires_at <= ${at}::timestamptz)`,
          listened: sql<boolean>`exists (select 1 from webhook_endpoints e where e.status = 'active' and 'booking.held' = any(e.events)
            and (e.organization_id is null or e.organization_id = ${schema.trips.organizationId}))`,
          customer: sql<{ id: string; phone: string | null; email: string | null; locale: string | null } | null>`(select
            json_build_object('id', u.id, 'phone', u.phone, 'email', u.email, 'locale', u.locale) from users u where u.id = ${actor.userId})`,
          stops: sql<
            StopJson[] | null
          >`(select json_agg(json_build_object('name', s.name, 'departsAt', s.departs_at, 'arrivesAt', s.arrives_at,
            'fareToNextMinor', s.fare_to_next_minor) order by s.position) from trip_stops s where s.trip_id = ${schema.trips.id})`,
        })
        .from(schema.trips)
        .innerJoin(schema.organizations, eq(schema.organizations.id, schema.trips.organizationId))
        .innerJoin(schema.seatLayouts, eq(schema.seatLayouts.id, schema.trips.layoutId))
        .where(eq(schema.trips.id, input.tripId))
        .limit(1)
        .prepare('reserve_seats_trip')
        .execute();
      if (!found) throw new AppError('TRIP_NOT_FOUND', 'No such trip');
      const { trip } = found;
      if (found.organizationStatus !== 'approved')
        throw new AppError('TRIP_NOT_BOOKABLE', 'This operator is not approved to sell seats yet');
      if (!isTripBookable(trip.status)) throw new AppError('TRIP_NOT_BOOKABLE', `The trip is ${trip.status} and sells no seats`);
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
      if (found.liveHolds >= deps.config.bookings.maxLiveHoldsPerUser) throw holdLimitReached(deps.config.bookings.maxLiveHoldsPerUser);
      const taken = await findTakenSeats(tx, { tripId: trip.id, fromStop, toStop, now, seatNos: seats });
      if (taken.length > 0)
        throw new AppError('SEATS_UNAVAILABLE', `Seat${taken.length > 1 ? 's' : ''} ${taken.join(', ')} already taken for this leg`, {
          details: { seats: taken },
        });

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
      const { booking, lines } = await writeHold(tx, deps, {
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
      });
      const row = heldBookingRow(booking);
      if (found.listened) await emitBookingEvents(tx, 'booking.held', [row], now);
      return { booking: heldBooking(row, lines, reserved, trip.timeZone), emitted: found.listened };
    });
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
