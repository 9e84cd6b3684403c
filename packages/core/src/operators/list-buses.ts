import { schema } from '@fareway/db';
import { asc, count, eq } from 'drizzle-orm';
import type { Deps } from '../deps';
import type { Page } from '../identity/list-users';
import type { Actor } from '../identity/users';
import { loadOrganizationFor } from '../organizations/organizations';
import { type PublicBus, toPublicBus } from './operator-rows';

export async function listBuses(
  deps: Pick<Deps, 'db'>,
  actor: Actor,
  input: { organizationId: string; page: number; limit: number },
): Promise<Page<PublicBus>> {
  await loadOrganizationFor(deps.db, actor, input.organizationId);
  const where = eq(schema.buses.organizationId, input.organizationId);
  const [rows, [total]] = await Promise.all([
    deps.db
      .select({ bus: schema.buses, seatCount: schema.seatLayouts.seatCount })
      .from(schema.buses)
      .innerJoin(schema.seatLayouts, eq(schema.seatLayouts.id, schema.buses.layoutId))
      .where(where)
      .orderBy(asc(schema.buses.name), asc(schema.buses.id))
      .limit(input.limit)
      .offset((input.page - 1) * input.limit),
    deps.db.select({ n: count() }).from(schema.buses).where(where),
  ]);
  return { items: rows.map((r) => toPublicBus(r.bus, r.seatCount)), meta: { page: input.page, limit: input.limit, total: total?.n ?? 0 } };
}
