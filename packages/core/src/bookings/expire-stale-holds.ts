import { type DatabaseOrTransaction, schema } from '@fareway/db';
import { and, eq, lte, type SQL } from 'drizzle-orm';
import { type RequestOrigin, recordAudit } from '../audit/record-audit';
import { emitBookingEvents } from '../webhooks/emit-partner-event';

const SYSTEM_ORIGIN: RequestOrigin = { ip: null, requestId: null };

/**
 * Turns lapsed holds into `expired` (the trigger frees their inventory rows).
 * Run under the vehicle's or trip's lock before a hold is inserted, so an
 * expired hold never blocks anyone even if the sweep job has not run yet.
 */
export async function expireStaleHolds(
  tx: DatabaseOrTransaction,
  scope: { vehicleId?: string; tripId?: string; customerId?: string },
  now: Date,
  origin: RequestOrigin = SYSTEM_ORIGIN,
): Promise<string[]> {
  const filters: SQL[] = [eq(schema.bookings.status, 'pending'), lte(schema.bookings.expiresAt, now)];
  if (scope.vehicleId) filters.push(eq(schema.bookings.vehicleId, scope.vehicleId));
  if (scope.tripId) filters.push(eq(schema.bookings.tripId, scope.tripId));
  if (scope.customerId) filters.push(eq(schema.bookings.customerId, scope.customerId));
  const expired = await tx
    .update(schema.bookings)
    .set({ status: 'expired', updatedAt: now })
    .where(and(...filters))
    .returning();
  for (const { id } of expired) {
    await recordAudit(tx, now, origin, {
      actorUserId: null,
      action: 'booking.expired',
      subjectType: 'booking',
      subjectId: id,
      before: { status: 'pending' },
      after: { status: 'expired' },
    });
  }
  await emitBookingEvents(tx, 'booking.expired', expired, now);
  return expired.map((row) => row.id);
}
