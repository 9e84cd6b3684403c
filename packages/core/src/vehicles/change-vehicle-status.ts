import { schema, withTransaction } from '@fareway/db';
import { AppError, decideVehicleTransition } from '@fareway/domain';
import { eq } from 'drizzle-orm';
import { type RequestOrigin, recordAudit } from '../audit/record-audit';
import type { Deps } from '../deps';
import { type Actor, isAdmin } from '../identity/users';
import { queueNotification } from '../notifications/queue-notification';
import { loadVehicleFor } from './load-vehicle-for';
import { type PublicVehicle, toPublicVehicle } from './public-vehicle';

export type VehicleAction = 'submit' | 'approve' | 'reject' | 'suspend' | 'reinstate';

/**
 * Moves a listing through the domain's machine: its owner submits it for
 * review; an admin approves, rejects (with a reason), suspends (with a
 * reason) or reinstates it. Audited. A suspension leaves existing bookings
 * alone (an admin cancels those one by one if need be); it only stops new ones.
 */
export async function changeVehicleStatus(
  deps: Deps,
  actor: Actor,
  input: { vehicleId: string; action: VehicleAction; reason?: string },
  origin: RequestOrigin,
): Promise<PublicVehicle> {
  const byAdmin = input.action !== 'submit';
  // Security: review actions are the platform's, never the owner's (also enforced by the procedure).
  if (byAdmin && !isAdmin(actor)) throw new AppError('FORBIDDEN', 'Only an admin may review vehicles');
  const reason = input.reason?.trim() || null;
  if ((input.action === 'reject' || input.action === 'suspend') && !reason) {
    throw new AppError('VALIDATION_ERROR', `A vehicle is not ${input.action}ed without a reason its owner can act on`, {
      details: [{ path: 'reason', message: 'required' }],
    });
  }
  return withTransaction(deps.db, async (tx) => {
    const now = deps.clock.now();
    const vehicle = await loadVehicleFor(tx, actor, input.vehicleId, { forUpdate: true, admin: byAdmin });
    const status = decideVehicleTransition(vehicle.status, input.action);
    const [updated] = await tx
      .update(schema.vehicles)
      .set({
        status,
        updatedAt: now,
        ...(byAdmin ? { reviewedBy: actor.userId, reviewedAt: now, reviewReason: reason } : {}),
      })
      .where(eq(schema.vehicles.id, vehicle.id))
      .returning();
    if (!updated) throw new Error('vehicle vanished while locked');
    await recordAudit(tx, now, origin, {
      actorUserId: actor.userId,
      action: `vehicle.${input.action}`,
      subjectType: 'vehicle',
      subjectId: vehicle.id,
      before: { status: vehicle.status },
      after: { status, ...(reason ? { reason } : {}) },
    });
    if (input.action === 'approve' || input.action === 'reject') {
      const vehicleName = `${updated.make} ${updated.model} ${updated.year}`;
      await queueNotification(tx, deps, {
        userId: updated.ownerUserId,
        key: `vehicle.${input.action}:${updated.id}:${now.toISOString()}`,
        ...(input.action === 'approve'
          ? // An approval's optional note (e.g. "insurance renews in May") reaches the owner with the notice.
            { template: 'vehicle.approved' as const, data: { vehicleId: updated.id, vehicleName, ...(reason ? { note: reason } : {}) } }
          : { template: 'vehicle.rejected' as const, data: { vehicleId: updated.id, vehicleName, reason: reason ?? '' } }),
      });
    }
    return toPublicVehicle(tx, updated);
  });
}
