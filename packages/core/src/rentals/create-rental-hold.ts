import { newId, schema, tstzRangeLiteral, withTransaction } from '@fareway/db';
import { AppError, assertRentalRange, type BookingQuote, blockedPeriod, quoteRental, vehicleBookable } from '@fareway/domain';
import { eq, sql } from 'drizzle-orm';
import { type RequestOrigin, recordAudit } from '../audit/record-audit';
import { assertHoldCap } from '../bookings/assert-hold-cap';
import { lockForHold } from '../bookings/booking-locks';
import { expireStaleHolds } from '../bookings/expire-stale-holds';
import { type BookingRow, type PublicBooking, publicBookingOf } from '../bookings/public-booking';
import type { Deps } from '../deps';
import type { Actor } from '../identity/users';
import { queueBookingNotice } from '../notifications/queue-booking-notice';
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
  return withTransaction(deps.db, async (tx) => {
    const now = deps.clock.now();
    await lockForHold(tx, actor.userId, { kind: 'vehicle', id: input.vehicleId });
    const v = schema.vehicles;
    const [vehicle] = await tx
      .select({
        id: v.id,
        ownerUserId: v.ownerUserId,
        status: v.status,
        bufferMinutes: v.bufferMinutes,
        dailyRateMinor: v.dailyRateMinor,
        currency: v.currency,
        timeZone: v.timeZone,
      })
      .from(v)
      .where(eq(v.id, input.vehicleId))
      .limit(1);
    if (!vehicle) throw new AppError('VEHICLE_NOT_FOUND', 'No such vehicle');
    if (!vehicleBookable(vehicle.status)) throw new AppError('VEHICLE_UNAVAILABLE', 'This vehicle is not available for booking');
    if (vehicle.ownerUserId === actor.userId) throw new AppError('FORBIDDEN', 'You cannot book your own vehicle');
    await expireStaleHolds(tx, { vehicleId: vehicle.id }, now, origin);
    await assertHoldCap(tx, actor.userId, now, terms.maxLiveHoldsPerUser);
    assertRentalRange(input.start, input.end, now, { maxDays: terms.rentalMaxDays, maxAdvanceDays: terms.rentalMaxAdvanceDays });

    const blocked = blockedPeriod(input.start, input.end, vehicle.bufferMinutes);
    const blockedLiteral = tstzRangeLiteral(blocked.start, blocked.end);
    // The stale holds of this vehicle were expired above, under its lock: every row this finds is live.
    const clash = await tx.execute(sql`
      select 1 from vehicle_occupancies
      where vehicle_id = ${vehicle.id}
        and status in ('pending', 'confirmed', 'active', 'blackout')
        and blocked_period && ${blockedLiteral}::tstzrange
      limit 1`);
    if (clash.length > 0) throw new AppError('BOOKING_CONFLICT', 'Vehicle is not available for the selected dates');

    // Money: the price, the commission split and the cancellation policy are decided once, here, and snapshotted.
    const quote = quoteRental(
      vehicle,
      { start: input.start, end: input.end },
      { commissionRateBasisPoints: terms.commissionRateBasisPoints, policy: terms.policy },
    );
    const booking = {
      id: newId(),
      kind: 'rental',
      customerId: actor.userId,
      status: 'pending',
      vehicleId: vehicle.id,
      partnerUserId: vehicle.ownerUserId,
      startsAt: input.start,
      endsAt: input.end,
      pickupLocation: input.pickupLocation?.trim() || null,
      currency: quote.currency,
      totalMinor: quote.totalMinor,
      commissionRateBasisPoints: quote.commissionRateBasisPoints,
      commissionMinor: quote.commissionMinor,
      partnerMinor: quote.partnerMinor,
      policy: quote.policy,
      expiresAt: new Date(now.getTime() + terms.rentalHoldMinutes * 60_000),
      createdAt: now,
      updatedAt: now,
    } satisfies typeof schema.bookings.$inferInsert;
    const id = booking.id;
    // No RETURNING: the answer is built from these values (the hottest path skips mapping a row it already has).
    await tx.insert(schema.bookings).values(booking);
    await tx.insert(schema.bookingLines).values(
      quote.lines.map((line, position) => ({
        id: newId(),
        bookingId: id,
        position,
        kind: line.kind,
        description: line.description,
        quantity: line.quantity,
        unitMinor: line.unitMinor,
        amountMinor: line.amountMinor,
      })),
    );
    await tx.insert(schema.vehicleOccupancies).values({
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
    });
    await emitBookingEvents(tx, 'booking.held', [booking], now);
    await recordAudit(tx, now, origin, {
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
        expiresAt: booking.expiresAt.toISOString(),
      },
    });
    await queueBookingNotice(tx, deps, { bookingId: id, template: 'booking.held' });
    return heldBooking(booking, quote.lines, vehicle.timeZone);
  });
}

/**
 * The answer, from what was just written (toPublicBooking would read the lines
 * back: more queries on the hottest path).
 */
function heldBooking(
  booking: typeof schema.bookings.$inferInsert & { expiresAt: Date },
  lines: BookingQuote['lines'],
  timeZone: string,
): PublicBooking {
  const row: BookingRow = {
    ...booking,
    kind: 'rental',
    status: 'pending',
    vehicleId: booking.vehicleId ?? null,
    tripId: null,
    partnerUserId: booking.partnerUserId ?? null,
    partnerOrganizationId: null,
    fromStop: null,
    toStop: null,
    pickupLocation: booking.pickupLocation ?? null,
    paidMinor: 0,
    refundDueMinor: null,
    holdExtendedAt: null,
    confirmedAt: null,
    cancelledAt: null,
    cancelledBy: null,
    cancellationReason: null,
  };
  return publicBookingOf(row, lines, [], timeZone);
}
