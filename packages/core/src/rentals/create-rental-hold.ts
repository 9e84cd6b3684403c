import {
  type BuiltStatement,
  newId,
  pipeline,
  reusableStatement,
  schema,
  type Transaction,
  tstzRangeLiteral,
  withPipelinedTransaction,
} from '@fareway/db';
import { AppError, assertRentalRange, type BookingQuote, blockedPeriod, quoteRental, vehicleBookable } from '@fareway/domain';
import { sql } from 'drizzle-orm';
import type { RequestOrigin } from '../audit/record-audit';
import { holdLocks } from '../bookings/booking-locks';
import { expireStaleHolds } from '../bookings/expire-stale-holds';
import { holdLimitReached } from '../bookings/hold-limit';
import { heldBookingRow, type PublicBooking, publicBookingOf } from '../bookings/public-booking';
import { wakeAfterHold, writeHold } from '../bookings/write-hold';
import type { Deps } from '../deps';
import type { Actor } from '../identity/users';
import { recipientFromUser } from '../notifications/queue-notification';
import { emitBookingEvents } from '../webhooks/emit-partner-event';

export interface RentalHoldInput {
  vehicleId: string;
  start: Date;
  end: Date;
  pickupLocation?: string | null;
}

/**
 * `POST /bookings`: holds a vehicle for [start, end) for rentalHoldMinutes
 * while the customer pays. One transaction: queue behind other holds of this
 * customer and this vehicle, expire the vehicle's lapsed holds, check the cap
 * and the range, pre-check the overlap for a clear answer, price it in the
 * domain, and insert the booking, its lines and its occupancy (range plus
 * turnaround buffer). The exclusion constraint has the last word: a
 * violation still reaches the client as BOOKING_CONFLICT.
 */
export async function createRentalHold(deps: Deps, actor: Actor, input: RentalHoldInput, origin: RequestOrigin): Promise<PublicBooking> {
  const terms = deps.config.bookings;
  const now = deps.clock.now();
  const held = await withPipelinedTransaction<[Record<string, unknown>[], HoldFacts[]], { booking: PublicBooking; emitted: boolean }>(
    deps.db,
    // One round trip for BEGIN, both locks and, run once they are held, one read of all the hold must know: the
    // vehicle, the customer's live holds, whether the vehicle has lapsed holds to expire, the overlap pre-check,
    // the customer's addresses for the notice and whether any platform endpoint listens for booking.held.
    (tx) => [holdLocks(tx, actor.userId, { kind: 'vehicle', id: input.vehicleId }), holdFactsQuery(tx, actor.userId, input, now)],
    async (tx, [, [first]], commit) => {
      let facts = first;
      if (!facts) throw new AppError('VEHICLE_NOT_FOUND', 'No such vehicle');
      if (!vehicleBookable(facts.status)) throw new AppError('VEHICLE_UNAVAILABLE', 'This vehicle is not available for booking');
      if (facts.owner_user_id === actor.userId) throw new AppError('FORBIDDEN', 'You cannot book your own vehicle');
      if (facts.stale) {
        // Rare: lapsed holds the sweep has not reached yet. Expire them under the lock, then look again.
        await expireStaleHolds(tx, { vehicleId: facts.id }, now, origin);
        facts = (await pipeline<[HoldFacts[]]>(tx, [holdFactsQuery(tx, actor.userId, input, now)]))[0][0] ?? facts;
      }
      if (facts.live_holds >= terms.maxLiveHoldsPerUser) throw holdLimitReached(terms.maxLiveHoldsPerUser);
      assertRentalRange(input.start, input.end, now, { maxDays: terms.rentalMaxDays, maxAdvanceDays: terms.rentalMaxAdvanceDays });
      // Every occupancy the pre-check found is live: lapsed holds were expired above, under the vehicle's lock.
      if (facts.clash) throw new AppError('BOOKING_CONFLICT', 'Vehicle is not available for the selected dates');

      const vehicle = {
        id: facts.id,
        ownerUserId: facts.owner_user_id,
        status: facts.status,
        bufferMinutes: facts.buffer_minutes,
        dailyRateMinor: Number(facts.daily_rate_minor),
        currency: facts.currency,
        timeZone: facts.time_zone,
      };
      const blocked = blockedPeriod(input.start, input.end, vehicle.bufferMinutes);
      const blockedLiteral = tstzRangeLiteral(blocked.start, blocked.end);
      const quote = quoteRental(
        vehicle,
        { start: input.start, end: input.end },
        { commissionRateBasisPoints: terms.commissionRateBasisPoints, policy: terms.policy },
      );
      const id = newId();
      const expiresAt = new Date(now.getTime() + terms.rentalHoldMinutes * 60_000);
      const { booking } = await writeHold(
        tx,
        deps,
        {
          booking: {
            id,
            kind: 'rental',
            customerId: actor.userId,
            status: 'pending',
            vehicleId: vehicle.id,
            partnerUserId: vehicle.ownerUserId,
            startsAt: input.start,
            endsAt: input.end,
            pickupLocation: input.pickupLocation?.trim() || null,
            expiresAt,
            createdAt: now,
            updatedAt: now,
          },
          quote,
          inventory: {
            table: schema.vehicleOccupancies,
            rows: [
              {
                id: newId(),
                vehicleId: vehicle.id,
                kind: 'booking',
                bookingId: id,
                startsAt: input.start,
                endsAt: input.end,
                blockedPeriod: blockedLiteral,
                status: 'pending',
                createdBy: actor.userId,
                createdAt: now,
              },
            ],
          },
          origin,
          audit: {
            actorUserId: actor.userId,
            action: 'booking.held',
            subjectType: 'booking',
            subjectId: id,
            after: {
              vehicleId: vehicle.id,
              start: input.start.toISOString(),
              end: input.end.toISOString(),
              totalMinor: quote.totalMinor,
              currency: quote.currency,
              expiresAt: expiresAt.toISOString(),
            },
          },
          notice: {
            facts: {
              bookingId: id,
              kind: 'rental',
              status: 'pending',
              customerId: actor.userId,
              title: [facts.make, facts.model, String(facts.year)].join(' '),
              startsAt: input.start,
              expiresAt,
              timeZone: vehicle.timeZone,
              currency: quote.currency,
              amountMinor: quote.totalMinor,
              totalMinor: quote.totalMinor,
              paidMinor: 0,
              refundDueMinor: null,
            },
            recipient: facts.customer_id
              ? recipientFromUser({ id: facts.customer_id, phone: facts.phone, email: facts.email, locale: facts.locale })
              : null,
          },
        },
        // COMMIT goes with the writes, unless partner events are still to be written (rare: someone listens).
        facts.listened ? undefined : commit,
      );
      // Partner events cost a query only when a platform endpoint listens (rentals belong to no organisation).
      if (facts.listened) await emitBookingEvents(tx, 'booking.held', [booking], now);
      return { booking: heldBooking(booking, quote.lines, vehicle.timeZone), emitted: facts.listened };
    },
  );
  wakeAfterHold(deps, held.emitted);
  return held.booking;
}

type HoldFacts = {
  id: string;
  owner_user_id: string;
  status: (typeof schema.vehicles.$inferSelect)['status'];
  buffer_minutes: number;
  daily_rate_minor: string | number;
  currency: string;
  time_zone: string;
  make: string;
  model: string;
  year: number;
  live_holds: number;
  stale: boolean;
  clash: boolean;
  listened: boolean;
  customer_id: string | null;
  phone: string | null;
  email: string | null;
  locale: string | null;
};

/** The hold's single read (see createRentalHold), built once (this path is hot): no row when there is no such vehicle. */
const holdFacts = reusableStatement(() => {
  const customer = sql.placeholder('customer');
  const at = sql`${sql.placeholder('at')}::timestamptz`;
  return sql`
    select v.id, v.owner_user_id, v.status, v.buffer_minutes, v.daily_rate_minor, v.currency, v.time_zone, v.make, v.model, v.year,
      (select count(*)::int from bookings b
        where b.customer_id = ${customer} and b.status = 'pending' and b.expires_at > ${at}) as live_holds,
      exists (select 1 from bookings b
        where b.vehicle_id = v.id and b.status = 'pending' and b.expires_at <= ${at}) as stale,
      exists (select 1 from vehicle_occupancies o
        where o.vehicle_id = v.id and o.status in ('pending', 'confirmed', 'active', 'blackout')
          and o.blocked_period && tstzrange(${sql.placeholder('start')}::timestamptz,
                                            ${sql.placeholder('end')}::timestamptz + v.buffer_minutes * interval '1 minute', '[)')) as clash,
      exists (select 1 from webhook_endpoints e
        where e.status = 'active' and 'booking.held' = any(e.events) and e.organization_id is null) as listened,
      u.id as customer_id, u.phone, u.email, u.locale
    from vehicles v left join users u on u.id = ${customer}
    where v.id = ${sql.placeholder('vehicle')}
    limit 1`;
});

function holdFactsQuery(tx: Transaction, customerId: string, input: RentalHoldInput, now: Date): BuiltStatement {
  // A reversed range is refused after this read (assertRentalRange); until then it must not break the range literal.
  const end = input.end > input.start ? input.end : input.start;
  return holdFacts(tx, {
    customer: customerId,
    at: now.toISOString(),
    start: input.start.toISOString(),
    end: end.toISOString(),
    vehicle: input.vehicleId,
  });
}

/** The answer, from what was just written (toPublicBooking would read the lines back: more queries on the hottest path). */
function heldBooking(booking: Parameters<typeof heldBookingRow>[0], lines: BookingQuote['lines'], timeZone: string): PublicBooking {
  return publicBookingOf(heldBookingRow(booking), lines, [], timeZone);
}
