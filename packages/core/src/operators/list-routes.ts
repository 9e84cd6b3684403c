import { schema } from '@fareway/db';
import { asc, eq, inArray } from 'drizzle-orm';
import type { Deps } from '../deps';
import type { Actor } from '../identity/users';
import { loadOrganizationFor } from '../organizations/organizations';
import { type PublicRoute, toPublicRoute } from './operator-rows';

export async function listRoutes(deps: Pick<Deps, 'db'>, actor: Actor, input: { organizationId: string }): Promise<PublicRoute[]> {
  await loadOrganizationFor(deps.db, actor, input.organizationId);
  const routes = await deps.db
    .select()
    .from(schema.routes)
    .where(eq(schema.routes.organizationId, input.organizationId))
    .orderBy(asc(schema.routes.name), asc(schema.routes.id));
  if (routes.length === 0) return [];
  const stops = await deps.db
    .select()
    .from(schema.routeStops)
    .where(
      inArray(
        schema.routeStops.routeId,
        routes.map((r) => r.id),
      ),
    );
  return routes.map((r) => toPublicRoute(r, stops));
}
