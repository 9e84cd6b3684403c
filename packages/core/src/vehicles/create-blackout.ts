import { newId, schema, tstzRangeLiteral, withTransaction } from '@fareway/db';
import { AppError } from '@fareway/domain';
import { type RequestOrigin, recordAudit } from '../audit/record-audit';
import { lockInventory } from '../bookings/booking-locks';
import { expireStaleHolds } from '../bookings/expire-stale-holds';
import type { Deps } from '../deps';
import type { Actor } from '../identity/users';
import { loadVehicleFor } from './load-vehicle-for';
import { type PublicBlackout, toPublicBlackout } from './public-blackout';

const MAX_BLACKOUT_DAYS = 366;

/**
 * The owner blocks [start, end) exactly (no turnaround buffer: nobody returns
 * the car). It occupies the vehicle like a booking, in the same table, so the
 * exclusion constraint refuses it over a live booking (BOOKING_CONFLICT).
 */
export async function createBlackout(
  deps: Deps,
  actor: Actor,
  input: { vehicleId: string; start: Date; end: Date; reason?: string },
  origin: RequestOrigin,
): Promise<PublicBlackout> {
  const now = deps.clock.now();
  const invalid = (path: string, message: string) => new AppError('VALIDATION_ERROR', message, { details: [{ path, message }] });
  if (Number.isNaN(input.start.getTime()) || Number.isNaN(input.end.getTime())) throw invalid('startDate', 'Dates must be valid');
  if (input.end.getTime() <= input.start.getTime()) throw invalid('endDate', 'endDate must be after startDate');
  if (input.end.getTime() <= now.getTime()) throw invalid('endDate', 'The period is already over');
  if (input.end.getTime() - input.start.getTime() > MAX_BLACKOUT_DAYS * 86_400_000)
    throw invalid('endDate', `A blackout lasts at most ${MAX_BLACKOUT_DAYS} days`);
  return withTransaction(deps.db, async (tx) => {
    await lockInventory(tx, { kind: 'vehicle', id: input.vehicleId });
    const vehicle = await loadVehicleFor(tx, actor, input.vehicleId, { admin: true });
    // A lapsed hold must not stand in the owner's way either.
    await expireStaleHolds(tx, { vehicleId: vehicle.id }, now, origin);
    const [row] = await tx
      .insert(schema.vehicleOccupancies)
      .values({
        id: newId(),
        vehicleId: vehicle.id,
        kind: 'blackout',
        bookingId: null,
        startsAt: input.start,
        endsAt: input.end,
        blockedPeriod: tstzRangeLiteral(input.start, input.end),
        status: 'blackout',
        reason: input.reason?.trim() || null,
        createdBy: actor.userId,
        createdAt: now,
      })
      .returning();
    if (!row) throw new Error('vehicle_occupancies insert returned nothing');
    await recordAudit(tx, now, origin, {
      actorUserId: actor.userId,
      action: 'vehicle.blackout_created',
      subjectType: 'vehicle',
      subjectId: vehicle.id,
      after: { blackoutId: row.id, start: row.startsAt.toISOString(), end: row.endsAt.toISOString(), reason: row.reason },
    });
    return toPublicBlackout(row);
  });
}
