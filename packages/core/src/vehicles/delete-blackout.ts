import { schema, withTransaction } from '@fareway/db';
import { AppError } from '@fareway/domain';
import { and, eq } from 'drizzle-orm';
import { type RequestOrigin, recordAudit } from '../audit/record-audit';
import { lockInventory } from '../bookings/booking-locks';
import type { Deps } from '../deps';
import type { Actor } from '../identity/users';
import { loadVehicleFor } from './load-vehicle-for';
import { toPublicBlackout } from './public-blackout';

/** The owner lifts a blackout; the period is bookable again at once. */
export async function deleteBlackout(
  deps: Deps,
  actor: Actor,
  input: { vehicleId: string; blackoutId: string },
  origin: RequestOrigin,
): Promise<{ deleted: true }> {
  return withTransaction(deps.db, async (tx) => {
    const now = deps.clock.now();
    await lockInventory(tx, { kind: 'vehicle', id: input.vehicleId });
    const vehicle = await loadVehicleFor(tx, actor, input.vehicleId, { admin: true });
    const [removed] = await tx
      .delete(schema.vehicleOccupancies)
      .where(
        and(
          eq(schema.vehicleOccupancies.id, input.blackoutId),
          eq(schema.vehicleOccupancies.vehicleId, vehicle.id),
          eq(schema.vehicleOccupancies.kind, 'blackout'),
        ),
      )
      .returning();
    if (!removed) throw new AppError('NOT_FOUND', 'No such blackout on this vehicle');
    await recordAudit(tx, now, origin, {
      actorUserId: actor.userId,
      action: 'vehicle.blackout_deleted',
      subjectType: 'vehicle',
      subjectId: vehicle.id,
      before: toPublicBlackout(removed),
    });
    return { deleted: true as const };
  });
}
