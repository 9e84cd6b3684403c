import { newId, schema } from '@fareway/db';
import { eq } from 'drizzle-orm';
import type { Actor } from '../../src/identity/users';
import { createBus, createRoute, createSeatLayout, type RouteStopInput } from '../../src/operators';
import { createOrganization } from '../../src/organizations/create-organization';
import type { TestDeps } from '../../src/testing';
import { createTrip } from '../../src/trips/create-trip';

export const ORIGIN = { ip: '10.0.0.9', requestId: 'req_seats' };
let phone = 7_100_000;

export function actorOf(userId: string, roles: Actor['roles'] = ['customer']): Actor {
  return { userId, roles, sessionId: 's' };
}

export async function insertCustomer(deps: TestDeps, name: string | null = null): Promise<Actor> {
  const now = deps.clock.now();
  const id = newId();
  await deps.db.insert(schema.users).values({ id, phone: `+9476${++phone}`, name, roles: ['customer'], createdAt: now, updatedAt: now });
  return actorOf(id);
}

/** Stops `names[i]` in city `cities[i]`, an hour apart, LKR 100.00 + 10.00 × i per segment. */
export function routeStops(names: string[], cities: string[] = names): RouteStopInput[] {
  return names.map((name, i) => ({
    name,
    city: cities[i] ?? name,
    arriveOffsetMinutes: i * 60,
    departOffsetMinutes: i * 60 + (i === 0 || i === names.length - 1 ? 0 : 5),
    fareToNextMinor: i === names.length - 1 ? null : 10_000 + 1_000 * i,
  }));
}

export interface OperatorFixture {
  organizationId: string;
  owner: Actor;
  layoutId: string;
  busId: string;
  routeId: string;
}

/** An operator (approved unless told otherwise) with a standard 2+2 bus of `rows` rows and a route through `stops`. */
export async function createOperator(
  deps: TestDeps,
  options: { rows?: number; stops?: RouteStopInput[]; approved?: boolean; name?: string; timeZone?: string } = {},
): Promise<OperatorFixture> {
  const owner = await insertCustomer(deps, 'Owner');
  const org = await createOrganization(deps, owner, { name: options.name ?? 'Test Lines', timeZone: options.timeZone }, ORIGIN);
  if (options.approved !== false)
    await deps.db.update(schema.organizations).set({ status: 'approved' }).where(eq(schema.organizations.id, org.id));
  const layout = await createSeatLayout(
    deps,
    owner,
    { organizationId: org.id, name: '2+2', standard: { rows: options.rows ?? 10 } },
    ORIGIN,
  );
  const bus = await createBus(
    deps,
    owner,
    { organizationId: org.id, name: 'Bus', registrationNumber: `NB-${++phone}`, layoutId: layout.id },
    ORIGIN,
  );
  const route = await createRoute(
    deps,
    owner,
    { organizationId: org.id, name: 'Route', currency: 'LKR', stops: options.stops ?? routeStops(['S0', 'S1', 'S2', 'S3', 'S4', 'S5']) },
    ORIGIN,
  );
  return { organizationId: org.id, owner, layoutId: layout.id, busId: bus.id, routeId: route.id };
}

/** A trip of the fixture's route on a new bus (so trips never clash), leaving at `departsAt`. */
export async function addTrip(deps: TestDeps, operator: OperatorFixture, departsAt: Date): Promise<string> {
  const bus = await createBus(
    deps,
    operator.owner,
    { organizationId: operator.organizationId, name: 'Bus', registrationNumber: `NB-${++phone}`, layoutId: operator.layoutId },
    ORIGIN,
  );
  const trip = await createTrip(
    deps,
    operator.owner,
    { organizationId: operator.organizationId, routeId: operator.routeId, busId: bus.id, departsAt },
    ORIGIN,
  );
  return trip.id;
}
