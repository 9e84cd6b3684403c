import { type DatabaseOrTransaction, schema } from '@fareway/db';
import { AppError } from '@fareway/domain';
import { eq } from 'drizzle-orm';
import { type Actor, isAdmin } from '../identity/users';
import type { VehicleRow } from './public-vehicle';

/**
 * A vehicle its owner (or, when `admin` allows, an admin) may manage. Anyone
 * else is told it does not exist, so ids cannot be probed. `forUpdate` locks the row.
 */
export async function loadVehicleFor(
  tx: DatabaseOrTransaction,
  actor: Actor,
  vehicleId: string,
  options: { forUpdate?: boolean; admin?: boolean } = {},
): Promise<VehicleRow> {
  const query = tx.select().from(schema.vehicles).where(eq(schema.vehicles.id, vehicleId)).limit(1);
  const [vehicle] = options.forUpdate ? await query.for('update') : await query;
  if (vehicle && (vehicle.ownerUserId === actor.userId || (options.admin && isAdmin(actor)))) return vehicle;
  throw new AppError('VEHICLE_NOT_FOUND', 'No such vehicle');
}
