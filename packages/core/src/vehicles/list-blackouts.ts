import { schema } from '@fareway/db';
import { and, asc, count, eq, gt } from 'drizzle-orm';
import type { Deps } from '../deps';
import type { Page } from '../identity/list-users';
import type { Actor } from '../identity/users';
import { loadVehicleFor } from './load-vehicle-for';
import { type PublicBlackout, toPublicBlackout } from './public-blackout';

/** The owner's (or an admin's) view of a vehicle's blackouts that are not over yet, soonest first. */
export async function listBlackouts(
  deps: Pick<Deps, 'db' | 'clock'>,
  actor: Actor,
  input: { vehicleId: string; page: number; limit: number },
): Promise<Page<PublicBlackout>> {
  const vehicle = await loadVehicleFor(deps.db, actor, input.vehicleId, { admin: true });
  const where = and(
    eq(schema.vehicleOccupancies.vehicleId, vehicle.id),
    // status, not kind: the exclusion constraint's partial gist index (vehicle_id, blocked_period) serves it.
    eq(schema.vehicleOccupancies.status, 'blackout'),
    gt(schema.vehicleOccupancies.endsAt, deps.clock.now()),
  );
  const [rows, [total]] = await Promise.all([
    deps.db
      .select()
      .from(schema.vehicleOccupancies)
      .where(where)
      .orderBy(asc(schema.vehicleOccupancies.startsAt), asc(schema.vehicleOccupancies.id))
      .limit(input.limit)
      .offset((input.page - 1) * input.limit),
    deps.db.select({ n: count() }).from(schema.vehicleOccupancies).where(where),
  ]);
  return { items: rows.map(toPublicBlackout), meta: { page: input.page, limit: input.limit, total: total?.n ?? 0 } };
}
