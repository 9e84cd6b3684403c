import { schema } from '@fareway/db';
import { asc, eq } from 'drizzle-orm';
import type { Deps } from '../deps';
import type { Actor } from '../identity/users';
import { loadOrganizationFor } from '../organizations/organizations';
import { type PublicBus, toPublicBus } from './operator-rows';

export async function listBuses(deps: Pick<Deps, 'db'>, actor: Actor, input: { organizationId: string }): Promise<PublicBus[]> {
  await loadOrganizationFor(deps.db, actor, input.organizationId);
  const rows = await deps.db
    .select({ bus: schema.buses, seatCount: schema.seatLayouts.seatCount })
    .from(schema.buses)
    .innerJoin(schema.seatLayouts, eq(schema.seatLayouts.id, schema.buses.layoutId))
    .where(eq(schema.buses.organizationId, input.organizationId))
    .orderBy(asc(schema.buses.name), asc(schema.buses.id));
  return rows.map((r) => toPublicBus(r.bus, r.seatCount));
}
