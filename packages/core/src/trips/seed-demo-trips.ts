import { newId, schema, withTransaction } from '@fareway/db';
import { localDateOf } from '@fareway/domain';
import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../audit/record-audit';
import type { Deps } from '../deps';
import type { Actor } from '../identity/users';
import { createBus } from '../operators/create-bus';
import { createRoute, type RouteStopInput } from '../operators/create-route';
import { createSeatLayout } from '../operators/create-seat-layout';
import type { Seeder } from '../seed/seed-demo';
import { scheduleTrips } from './schedule-trips';

/** The demo operator; its owner signs in by phone (add it to OTP_TEST_NUMBERS for a fixed code). */
export const DEMO_OPERATOR = { name: 'Lanka Express', ownerPhone: '+94770000900', ownerName: 'Lanka Express Owner' } as const;
/** A second operator, so search results show operators side by side (each with its logo). */
export const DEMO_SECOND_OPERATOR = { name: 'Ruhuna Travels', ownerPhone: '+94770000901', ownerName: 'Ruhuna Travels Owner' } as const;
const ORIGIN = { ip: null, requestId: 'seed-demo-trips' };
const ZONE = 'Asia/Colombo';

const stop = (
  name: string,
  city: string,
  latitude: number,
  longitude: number,
  arrive: number,
  depart: number,
  fareToNextMinor: number | null,
): RouteStopInput => ({ name, city, latitude, longitude, arriveOffsetMinutes: arrive, departOffsetMinutes: depart, fareToNextMinor });

type DemoRoute = { name: string; stops: RouteStopInput[]; buses: Array<{ name: string; registration: string; times: string[] }> };
type DemoOperator = { name: string; ownerPhone: string; ownerName: string };

// LKR segment fares in cents (LKR 1 = 100): roughly what an intercity AC bus charges.
const ROUTES: DemoRoute[] = [
  {
    name: 'Colombo → Kandy',
    stops: [
      stop('Colombo Fort', 'Colombo', 6.9344, 79.8428, 0, 0, 12_000),
      stop('Kadawatha', 'Kadawatha', 7.001, 79.953, 35, 37, 14_000),
      stop('Nittambuwa', 'Nittambuwa', 7.1447, 80.0958, 60, 62, 12_000),
      stop('Warakapola', 'Warakapola', 7.226, 80.196, 85, 87, 15_000),
      stop('Kegalle', 'Kegalle', 7.2513, 80.3464, 110, 113, 10_000),
      stop('Mawanella', 'Mawanella', 7.2524, 80.4467, 130, 132, 22_000),
      stop('Kandy Goods Shed', 'Kandy', 7.2906, 80.6337, 190, 190, null),
    ],
    buses: [
      { name: 'Hill Country Express', registration: 'NB-4521', times: ['06:00'] },
      { name: 'Kandy Intercity', registration: 'NC-1188', times: ['14:00'] },
    ],
  },
  {
    name: 'Colombo → Galle',
    stops: [
      stop('Colombo Fort', 'Colombo', 6.9344, 79.8428, 0, 0, 11_000),
      stop('Panadura', 'Panadura', 6.7132, 79.9026, 45, 47, 9_000),
      stop('Kalutara', 'Kalutara', 6.5854, 79.9607, 75, 77, 16_000),
      stop('Bentota', 'Bentota', 6.421, 80.002, 120, 123, 18_000),
      stop('Hikkaduwa', 'Hikkaduwa', 6.1395, 80.1063, 170, 172, 9_000),
      stop('Galle', 'Galle', 6.0535, 80.221, 205, 205, null),
    ],
    buses: [{ name: 'Southern Coaster', registration: 'ND-7788', times: ['07:30', '15:30'] }],
  },
];

// Ruhuna Travels: the expressway to the south, one bus twice a day.
const SECOND_ROUTES: DemoRoute[] = [
  {
    name: 'Colombo → Matara (expressway)',
    stops: [
      stop('Colombo Fort', 'Colombo', 6.9344, 79.8428, 0, 0, 60_000),
      stop('Galle', 'Galle', 6.0535, 80.221, 95, 100, 25_000),
      stop('Matara', 'Matara', 5.9485, 80.5353, 135, 135, null),
    ],
    buses: [{ name: 'Ruhuna Expressway', registration: 'NE-3321', times: ['08:00', '16:00'] }],
  },
];

/** Every demo operator with its routes; the logos seeder draws one logo for each. */
export const DEMO_OPERATORS: Array<{ operator: DemoOperator; routes: DemoRoute[] }> = [
  { operator: DEMO_OPERATOR, routes: ROUTES },
  { operator: DEMO_SECOND_OPERATOR, routes: SECOND_ROUTES },
];

/** The operator, its owner, layouts, buses and routes; each piece only when missing. */
async function ensureOperator(
  deps: Deps,
  operator: DemoOperator,
  routes: DemoRoute[],
): Promise<{ organizationId: string; owner: Actor; created: number }> {
  let created = 0;
  const owner = await withTransaction(deps.db, async (tx) => {
    const now = deps.clock.now();
    const [user] = await tx.select({ id: schema.users.id }).from(schema.users).where(eq(schema.users.phone, operator.ownerPhone));
    if (user) return user.id;
    const id = newId();
    await tx
      .insert(schema.users)
      .values({ id, phone: operator.ownerPhone, name: operator.ownerName, roles: ['customer'], createdAt: now, updatedAt: now });
    created += 1;
    return id;
  });
  const actor: Actor = { userId: owner, roles: ['customer'], sessionId: 'seed' };
  const organizationId = await withTransaction(deps.db, async (tx) => {
    const now = deps.clock.now();
    const [org] = await tx
      .select({ id: schema.organizations.id })
      .from(schema.organizations)
      .where(eq(schema.organizations.name, operator.name));
    if (org) return org.id;
    const id = newId();
    // Seeded approved, as an admin would after checking the operator's papers.
    await tx
      .insert(schema.organizations)
      .values({ id, name: operator.name, status: 'approved', timeZone: ZONE, createdAt: now, updatedAt: now });
    await tx.insert(schema.organizationMembers).values({ organizationId: id, userId: owner, role: 'owner', createdAt: now });
    await recordAudit(tx, now, ORIGIN, {
      actorUserId: null,
      action: 'organization.approved',
      subjectType: 'organization',
      subjectId: id,
      after: { name: operator.name, seeded: true },
    });
    created += 1;
    return id;
  });

  const layouts = await deps.db.select().from(schema.seatLayouts).where(eq(schema.seatLayouts.organizationId, organizationId));
  let layoutId = layouts[0]?.id;
  if (!layoutId) {
    layoutId = (
      await createSeatLayout(
        deps,
        actor,
        { organizationId, name: 'Coach 2+2, 49 seats', standard: { rows: 12, left: 2, right: 2, fullBackRow: true } },
        ORIGIN,
      )
    ).id;
    created += 1;
  }
  for (const route of routes) {
    const [existing] = await deps.db
      .select({ id: schema.routes.id })
      .from(schema.routes)
      .where(and(eq(schema.routes.organizationId, organizationId), eq(schema.routes.name, route.name)));
    if (!existing) {
      await createRoute(deps, actor, { organizationId, name: route.name, currency: 'LKR', stops: route.stops }, ORIGIN);
      created += 1;
    }
    for (const bus of route.buses) {
      const [found] = await deps.db
        .select({ id: schema.buses.id })
        .from(schema.buses)
        .where(and(eq(schema.buses.organizationId, organizationId), eq(schema.buses.registrationNumber, bus.registration)));
      if (!found) {
        await createBus(deps, actor, { organizationId, name: bus.name, registrationNumber: bus.registration, layoutId }, ORIGIN);
        created += 1;
      }
    }
  }
  return { organizationId, owner: actor, created };
}

/**
 * Demo seat inventory: two approved operators, Lanka Express with two routes (Colombo → Kandy,
 * Colombo → Galle) and Ruhuna Travels with one (Colombo → Matara), and trips for the next 14 days from today. Idempotent, and
 * each start tops the timetable up to 14 days ahead again.
 */
export const demoTrips: Seeder = {
  name: 'demo-trips',
  async run(deps) {
    let created = 0;
    for (const { operator, routes } of DEMO_OPERATORS) created += await seedOperator(deps, operator, routes);
    return { created };
  },
};

/** One operator, its routes and buses, and its timetable topped up to 14 days ahead. */
async function seedOperator(deps: Deps, operator: DemoOperator, routes: DemoRoute[]): Promise<number> {
  const { organizationId, owner, created } = await ensureOperator(deps, operator, routes);
  let trips = 0;
  const today = localDateOf(deps.clock.now(), ZONE);
  for (const route of routes) {
    const [routeRow] = await deps.db
      .select({ id: schema.routes.id })
      .from(schema.routes)
      .where(and(eq(schema.routes.organizationId, organizationId), eq(schema.routes.name, route.name)));
    for (const bus of route.buses) {
      const [busRow] = await deps.db
        .select({ id: schema.buses.id })
        .from(schema.buses)
        .where(and(eq(schema.buses.organizationId, organizationId), eq(schema.buses.registrationNumber, bus.registration)));
      if (!routeRow || !busRow) continue;
      const result = await scheduleTrips(
        deps,
        owner,
        { organizationId, routeId: routeRow.id, busId: busRow.id, startDate: today, days: 14, departureTimes: bus.times },
        ORIGIN,
      );
      trips += result.created.length;
    }
  }
  return created + trips;
}
