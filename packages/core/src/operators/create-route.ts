import { newId, schema, withTransaction } from '@fareway/db';
import { AppError, type RouteStopPlan, validateRouteStops } from '@fareway/domain';
import { type RequestOrigin, recordAudit } from '../audit/record-audit';
import type { Deps } from '../deps';
import type { Actor } from '../identity/users';
import { loadOrganizationFor } from '../organizations/organizations';
import { type PublicRoute, toPublicRoute } from './operator-rows';

export interface RouteStopInput extends RouteStopPlan {
  latitude?: number | null;
  longitude?: number | null;
}

/** A route: ordered stops with the usual timetable (minutes after departure) and a fare per segment, in one currency. */
export async function createRoute(
  deps: Deps,
  actor: Actor,
  input: { organizationId: string; name: string; currency: string; stops: RouteStopInput[] },
  origin: RequestOrigin,
): Promise<PublicRoute> {
  const currency = input.currency.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency))
    throw new AppError('VALIDATION_ERROR', 'Currency must be an ISO 4217 code such as LKR', {
      details: [{ path: 'currency', message: 'three letters' }],
    });
  const stops = input.stops.map((s) => ({ ...s, name: s.name.trim(), city: s.city.trim(), fareToNextMinor: s.fareToNextMinor ?? null }));
  validateRouteStops(stops);
  return withTransaction(deps.db, async (tx) => {
    await loadOrganizationFor(tx, actor, input.organizationId);
    const now = deps.clock.now();
    const id = newId();
    const [route] = await tx
      .insert(schema.routes)
      .values({ id, organizationId: input.organizationId, name: input.name.trim(), currency, createdAt: now, updatedAt: now })
      .returning();
    if (!route) throw new Error('route insert returned nothing');
    const stopRows = await tx
      .insert(schema.routeStops)
      .values(
        stops.map((s, position) => ({
          routeId: id,
          position,
          name: s.name,
          city: s.city,
          latitude: s.latitude ?? null,
          longitude: s.longitude ?? null,
          arriveOffsetMinutes: s.arriveOffsetMinutes,
          departOffsetMinutes: s.departOffsetMinutes,
          fareToNextMinor: s.fareToNextMinor,
        })),
      )
      .returning();
    await recordAudit(tx, now, origin, {
      actorUserId: actor.userId,
      action: 'route.created',
      subjectType: 'route',
      subjectId: id,
      after: { organizationId: input.organizationId, name: route.name, currency, stops: stops.map((s) => s.name) },
    });
    return toPublicRoute(route, stopRows);
  });
}
