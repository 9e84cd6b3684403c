import { schema } from '@fareway/db';
import { AppError } from '@fareway/domain';
import { eq } from 'drizzle-orm';
import type { Deps } from '../deps';
import { type Actor, isAdmin } from '../identity/users';
import { type PublicVehicle, toPublicVehicle } from './public-vehicle';

/** `GET /vehicles/{id}`: anyone sees an approved vehicle; its owner and admins see it in any state. */
export async function getVehicle(deps: Pick<Deps, 'db'>, actor: Actor | null, vehicleId: string): Promise<PublicVehicle> {
  const [row] = await deps.db.select().from(schema.vehicles).where(eq(schema.vehicles.id, vehicleId)).limit(1);
  const privileged = !!row && !!actor && (row.ownerUserId === actor.userId || isAdmin(actor));
  if (!row || (row.status !== 'approved' && !privileged)) throw new AppError('VEHICLE_NOT_FOUND', 'No such vehicle');
  return toPublicVehicle(deps.db, row, privileged);
}
