import {
  type Actor,
  createBus,
  createOrganization,
  createRoute,
  createSeatLayout,
  createTrip,
  issueSession,
  setOrganizationStatus,
} from '@fareway/core';
import type { TestDeps } from '@fareway/core/testing';
import { newId, schema } from '@fareway/db';

const ORIGIN = { ip: null, requestId: 'seats-fixture' };
let phone = 8_200_000;

/** Users inserted straight into the database, each with a session token (as a signed-in mobile client holds). */
export async function signedInUsers(deps: TestDeps, count: number, roles: ('customer' | 'admin')[] = ['customer']) {
  const now = deps.clock.now();
  const rows = Array.from({ length: count }, () => ({
    id: newId(),
    phone: `+9478${++phone}`,
    roles,
    status: 'active' as const,
    createdAt: now,
    updatedAt: now,
  }));
  for (let i = 0; i < rows.length; i += 500) await deps.db.insert(schema.users).values(rows.slice(i, i + 500));
  const users: Array<{ id: string; token: string }> = [];
  for (const row of rows) users.push({ id: row.id, token: (await issueSession(deps.db, row.id, now, 30, ORIGIN)).token });
  return users;
}

/** An approved operator with a standard 2+2 bus of `rows` rows and one trip through `stops` stops, `departsAt`. */
export async function operatorTrip(deps: TestDeps, options: { rows: number; stops: number; departsAt: Date; names?: string[] }) {
  const [ownerRow] = await signedInUsers(deps, 1);
  const owner: Actor = { userId: ownerRow?.id ?? '', roles: ['customer'], sessionId: 's' };
  const org = await createOrganization(deps, owner, { name: 'Concurrency Coaches' }, ORIGIN);
  await setOrganizationStatus(deps, owner, { organizationId: org.id, status: 'approved' }, ORIGIN);
  const layout = await createSeatLayout(deps, owner, { organizationId: org.id, name: '2+2', standard: { rows: options.rows } }, ORIGIN);
  const bus = await createBus(
    deps,
    owner,
    { organizationId: org.id, name: 'Bus', registrationNumber: `NB-${++phone}`, layoutId: layout.id },
    ORIGIN,
  );
  const names = options.names ?? Array.from({ length: options.stops }, (_, i) => `Stop ${i}`);
  const route = await createRoute(
    deps,
    owner,
    {
      organizationId: org.id,
      name: `${names[0]} → ${names.at(-1)}`,
      currency: 'LKR',
      stops: names.map((name, i) => ({
        name,
        city: name,
        arriveOffsetMinutes: i * 30,
        departOffsetMinutes: i * 30,
        fareToNextMinor: i === names.length - 1 ? null : 5_000,
      })),
    },
    ORIGIN,
  );
  const trip = await createTrip(
    deps,
    owner,
    { organizationId: org.id, routeId: route.id, busId: bus.id, departsAt: options.departsAt },
    ORIGIN,
  );
  const seats = layout.cells.filter((c) => c.kind === 'seat').map((c) => c.label as string);
  return {
    organizationId: org.id,
    owner,
    ownerToken: ownerRow?.token ?? '',
    tripId: trip.id,
    seats,
    layoutId: layout.id,
    routeId: route.id,
  };
}

/** A small seeded PRNG (mulberry32): a failing run can be replayed from its seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
