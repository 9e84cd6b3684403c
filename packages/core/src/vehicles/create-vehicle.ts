import { newId, schema, withTransaction } from '@fareway/db';
import { AppError } from '@fareway/domain';
import { type RequestOrigin, recordAudit } from '../audit/record-audit';
import type { Deps } from '../deps';
import type { Actor } from '../identity/users';
import { type PublicVehicle, toPublicVehicle } from './public-vehicle';
import { type VehicleFields, validateVehicleFields } from './vehicle-fields';

/** A driver lists a vehicle; it starts as a draft nobody else sees until it is submitted and approved. */
export async function createVehicle(deps: Deps, actor: Actor, input: VehicleFields, origin: RequestOrigin): Promise<PublicVehicle> {
  // Security: only approved drivers list vehicles (roles are re-read from the database on every request).
  if (!actor.roles.includes('driver')) throw new AppError('FORBIDDEN', 'Only approved drivers can list vehicles; apply as a driver first');
  const now = deps.clock.now();
  const fields: VehicleFields = { ...input, make: input.make.trim(), model: input.model.trim(), city: input.city.trim() };
  validateVehicleFields(fields, now);
  return withTransaction(deps.db, async (tx) => {
    const [row] = await tx
      .insert(schema.vehicles)
      .values({ id: newId(), ownerUserId: actor.userId, ...fields, status: 'draft', createdAt: now, updatedAt: now })
      .returning();
    if (!row) throw new Error('vehicles insert returned nothing');
    await recordAudit(tx, now, origin, {
      actorUserId: actor.userId,
      action: 'vehicle.created',
      subjectType: 'vehicle',
      subjectId: row.id,
      after: { make: row.make, model: row.model, city: row.city, dailyRateMinor: row.dailyRateMinor, currency: row.currency },
    });
    return toPublicVehicle(tx, row);
  });
}
