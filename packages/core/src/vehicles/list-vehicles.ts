import { schema } from '@fareway/db';
import type { VehicleState } from '@fareway/domain';
import { and, count, desc, eq, type SQL } from 'drizzle-orm';
import type { Deps } from '../deps';
import type { Page } from '../identity/list-users';
import type { Actor } from '../identity/users';
import { type PublicVehicle, toPublicVehicles } from './public-vehicle';

/** The caller's own listings, newest first, in every state. */
export async function listMyVehicles(
  deps: Pick<Deps, 'db'>,
  actor: Actor,
  input: { status?: VehicleState; page: number; limit: number },
): Promise<Page<PublicVehicle>> {
  const filters: SQL[] = [eq(schema.vehicles.ownerUserId, actor.userId)];
  if (input.status) filters.push(eq(schema.vehicles.status, input.status));
  const where = and(...filters);
  const [rows, [total]] = await Promise.all([
    deps.db
      .select()
      .from(schema.vehicles)
      .where(where)
      .orderBy(desc(schema.vehicles.createdAt), desc(schema.vehicles.id))
      .limit(input.limit)
      .offset((input.page - 1) * input.limit),
    deps.db.select({ n: count() }).from(schema.vehicles).where(where),
  ]);
  return { items: await toPublicVehicles(deps.db, rows, () => true), meta: { page: input.page, limit: input.limit, total: total?.n ?? 0 } };
}
