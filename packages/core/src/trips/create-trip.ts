import { withTransaction } from '@fareway/db';
import { AppError } from '@fareway/domain';
import type { RequestOrigin } from '../audit/record-audit';
import type { Deps } from '../deps';
import type { Actor } from '../identity/users';
import { loadOrganizationFor } from '../organizations/organizations';
import { insertTrip, loadRouteAndBus, MAX_SCHEDULE_AHEAD_DAYS, seatCountOf } from './insert-trip';
import { type OperatorTrip, toOperatorTrip } from './trip-rows';

/** One trip of a route on a bus, leaving the first stop at `departsAt` (zone: the operator's). */
export async function createTrip(
  deps: Deps,
  actor: Actor,
  input: { organizationId: string; routeId: string; busId: string; departsAt: Date },
  origin: RequestOrigin,
): Promise<OperatorTrip> {
  const now = deps.clock.now();
  if (!(input.departsAt.getTime() > now.getTime()) || input.departsAt.getTime() > now.getTime() + MAX_SCHEDULE_AHEAD_DAYS * 86_400_000)
    throw new AppError('VALIDATION_ERROR', `A trip departs in the future, at most ${MAX_SCHEDULE_AHEAD_DAYS} days ahead`, {
      details: [{ path: 'departsAt', message: 'in the past or too far ahead' }],
    });
  return withTransaction(deps.db, async (tx) => {
    const { organization } = await loadOrganizationFor(tx, actor, input.organizationId);
    const { route, stops, bus } = await loadRouteAndBus(tx, organization.id, input);
    const created = await insertTrip(
      tx,
      { at: now, actorUserId: actor.userId, origin },
      { organization, route, stops, bus, departsAt: input.departsAt },
    );
    const seatCount = await seatCountOf(tx, bus.layoutId);
    return toOperatorTrip(created.trip, { routeName: route.name, busName: bus.name, seatCount }, created.stops);
  });
}
