import { schema } from '@fareway/db';
import { asc, count, eq, inArray } from 'drizzle-orm';
import type { Deps } from '../deps';
import type { Page } from '../identity/list-users';
import type { Actor } from '../identity/users';
import { loadOrganizationFor } from '../organizations/organizations';
import { type PublicRoute, toPublicRoute } from './operator-rows';

export async function listRoutes(
  deps: Pick<Deps, 'db'>,
  actor: Actor,
  input: { organizationId: string; page: number; limit: number },
): Promise<Page<PublicRoute>> {
  await loadOrganizationFor(deps.db, actor, input.organizationId);
  const where = eq(schema.routes.organizationId, input.organizationId);
  const [routes, [total]] = await Promise.all([
    deps.db
      .select()
      .from(schema.routes)
      .where(where)
      .orderBy(asc(schema.routes.name), asc(schema.routes.id))
      .limit(input.limit)
      .offset((input.page - 1) * input.limit),
    deps.db.select({ n: count() }).from(schema.routes).where(where),
  ]);
  const meta = { page: input.page, limit: input.limit, total: total?.n ?? 0 };
  if (routes.length === 0) return { items: [], meta };
  const stops = await deps.db
    .select()
    .from(schema.routeStops)
    .where(
      inArray(
        schema.routeStops.routeId,
        routes.map((r) => r.id),
      ),
    );
  return { items: routes.map((r) => toPublicRoute(r, stops)), meta };
}
