// The seat-hold load bench/seat-holds and bench/profile-seat-holds share: one approved operator
// with a 40-seat layout on a 6-stop route (and a 60-seat, 10-stop one for seat-map reads), 400
// signed-in customers, and three ways to make the same 2-seat hold: over HTTP, through core's
// use case in process, and as the same transaction in hand-written SQL.
import {
  type Actor,
  createBus,
  createOrganization,
  createRoute,
  createSeatLayout,
  createTrip,
  issueSession,
  reserveSeats,
} from '@fareway/core';
import { newId, schema } from '@fareway/db';
import type { HoldServer } from './hold-fixture';
import type { BenchDatabase } from './lib';

export const SEATS_PER_HOLD = 2;
export const ORIGIN = { ip: null, requestId: 'bench-seat-holds' };

export interface SeatHoldFixture {
  users: Array<{ id: string; token: string }>;
  seats40: string[];
  seats60: string[];
  layout60Id: string;
  route10Id: string;
  /** A new trip of its own bus on `layoutId` and `routeId`, two days ahead. */
  newTrip(layoutId: string, routeId: string): Promise<string>;
  /** `count` new 40-seat, 6-stop trips. */
  tripSet(count: number): Promise<string[]>;
  /** How many 40-seat trips `holds` 2-seat holds need. */
  tripsFor(holds: number): number;
  /** Holds that did not succeed since the last reset (the hold functions count, they do not throw). */
  failures: number;
  httpHold(trips: string[]): (i: number) => Promise<void>;
  coreHold(trips: string[]): (i: number) => Promise<void>;
  rawHold(trips: string[]): (i: number) => Promise<void>;
}

export async function seatHoldFixture(database: BenchDatabase, server: HoldServer): Promise<SeatHoldFixture> {
  const { deps, base } = server;
  const config = deps.config;
  const sql = database.sql;
  const now = new Date();
  const userRows = Array.from({ length: 400 }, (_, i) => ({
    id: newId(),
    phone: `+9479${String(1_000_000 + i)}`,
    roles: ['customer'],
    status: 'active' as const,
    createdAt: now,
    updatedAt: now,
  }));
  await database.db.insert(schema.users).values(userRows);
  const users = await Promise.all(
    userRows.map(async (u) => ({ id: u.id, token: (await issueSession(database.db, u.id, now, 30, ORIGIN)).token })),
  );
  const owner: Actor = { userId: users[0]?.id ?? '', roles: ['customer'], sessionId: 'bench' };
  const org = await createOrganization(deps, owner, { name: 'Bench Coaches' }, ORIGIN);
  await sql`update organizations set status = 'approved' where id = ${org.id}`;
  const stopsOf = (n: number) =>
    Array.from({ length: n }, (_, i) => ({
      name: `Stop ${i}`,
      city: `Town ${i}`,
      arriveOffsetMinutes: i * 30,
      departOffsetMinutes: i * 30 + (i === 0 || i === n - 1 ? 0 : 2),
      fareToNextMinor: i === n - 1 ? null : 7_500,
    }));
  const layout40 = await createSeatLayout(deps, owner, { organizationId: org.id, name: '40', standard: { rows: 10 } }, ORIGIN);
  const layout60 = await createSeatLayout(deps, owner, { organizationId: org.id, name: '60', standard: { rows: 15 } }, ORIGIN);
  const route6 = await createRoute(deps, owner, { organizationId: org.id, name: 'Six', currency: 'LKR', stops: stopsOf(6) }, ORIGIN);
  const route10 = await createRoute(deps, owner, { organizationId: org.id, name: 'Ten', currency: 'LKR', stops: stopsOf(10) }, ORIGIN);
  const departsAt = new Date(now.getTime() + 2 * 86_400_000);
  let plate = 0;
  const newTrip = async (layoutId: string, routeId: string) => {
    const bus = await createBus(
      deps,
      owner,
      { organizationId: org.id, name: 'Bus', registrationNumber: `BN-${++plate}`, layoutId },
      ORIGIN,
    );
    return (await createTrip(deps, owner, { organizationId: org.id, routeId, busId: bus.id, departsAt }, ORIGIN)).id;
  };
  const seatsOf = (layout: typeof layout40) => layout.cells.filter((c) => c.kind === 'seat').map((c) => c.label as string);
  const seats40 = seatsOf(layout40);
  /** Hold i of a row: trip i mod T, the (i div T)-th pair of seats, the whole trip; users round-robin. */
  const planOf = (trips: string[], i: number) => {
    const pair = Math.floor(i / trips.length);
    return {
      tripId: trips[i % trips.length] as string,
      seats: seats40.slice(pair * SEATS_PER_HOLD, pair * SEATS_PER_HOLD + SEATS_PER_HOLD),
      user: users[i % users.length] as { id: string; token: string },
    };
  };
  const policy = JSON.stringify(config.bookings.policy);

  const fixture: SeatHoldFixture = {
    users,
    seats40,
    seats60: seatsOf(layout60),
    layout60Id: layout60.id,
    route10Id: route10.id,
    newTrip,
    async tripSet(count) {
      const ids: string[] = [];
      for (let i = 0; i < count; i++) ids.push(await newTrip(layout40.id, route6.id));
      return ids;
    },
    tripsFor: (holds) => Math.ceil(holds / (seats40.length / SEATS_PER_HOLD)),
    failures: 0,
    httpHold: (trips) => async (i) => {
      const plan = planOf(trips, i);
      const res = await fetch(`${base}/api/v1/bookings/reserve`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${plan.user.token}` },
        body: JSON.stringify({ tripId: plan.tripId, seatNumbers: plan.seats, fromStop: 0, toStop: 5 }),
      });
      await res.arrayBuffer();
      if (res.status !== 200) fixture.failures += 1;
    },
    /** Core's use case alone, in process: what the hold costs without HTTP, session and envelope. */
    coreHold: (trips) => async (i) => {
      const plan = planOf(trips, i);
      const actor: Actor = { userId: plan.user.id, roles: ['customer'], sessionId: 'bench' };
      try {
        await reserveSeats(deps, actor, { tripId: plan.tripId, seatNumbers: plan.seats, fromStop: 0, toStop: 5 }, ORIGIN);
      } catch {
        fixture.failures += 1;
      }
    },
    /** The same transaction written by hand: both locks, expiry, cap, check, booking + lines + seats + audit. */
    rawHold: (trips) => async (i) => {
      const plan = planOf(trips, i);
      try {
        await sql.begin(async (tx) => {
          await tx`select pg_advisory_xact_lock(hashtextextended(${`holder:${plan.user.id}`}, 0))`;
          await tx`select pg_advisory_xact_lock(hashtextextended(${`trip:${plan.tripId}`}, 0))`;
          const [trip] = await tx<Array<{ organization_id: string; status: string; org_status: string; cells: unknown }>>`
            select t.organization_id, t.status, o.status as org_status, l.cells from trips t
            join organizations o on o.id = t.organization_id join seat_layouts l on l.id = t.layout_id where t.id = ${plan.tripId}`;
          if (trip?.status !== 'scheduled' || trip.org_status !== 'approved') throw new Error('not bookable');
          const stops = await tx<Array<{ departs_at: string; arrives_at: string; fare_to_next_minor: string | null }>>`
            select departs_at, arrives_at, fare_to_next_minor from trip_stops where trip_id = ${plan.tripId} order by position`;
          await tx`update bookings set status = 'expired', updated_at = now() where trip_id = ${plan.tripId} and status = 'pending' and expires_at <= now()`;
          const [cap] = await tx<Array<{ n: number }>>`
            select count(*)::int as n from bookings where customer_id = ${plan.user.id} and status = 'pending' and expires_at > now()`;
          if ((cap?.n ?? 0) >= 100) throw new Error('cap');
          const taken = await tx`select seat_no from seat_reservations where trip_id = ${plan.tripId} and seat_no in ${tx(plan.seats)}
            and legs && int4range(0, 5) and status in ('pending', 'confirmed', 'active')`;
          if (taken.length > 0) throw new Error('taken');
          const fare = stops.slice(0, 5).reduce((sum, s) => sum + Number(s.fare_to_next_minor ?? 0), 0);
          const total = fare * plan.seats.length;
          const commission = Math.round((total * config.bookings.commissionRateBasisPoints) / 10_000);
          const id = newId();
          await tx`insert into bookings (id, kind, customer_id, status, trip_id, partner_organization_id, starts_at, ends_at, from_stop, to_stop,
              currency, total_minor, commission_rate_basis_points, commission_minor, partner_minor, policy, expires_at, created_at, updated_at)
            values (${id}, 'seat', ${plan.user.id}, 'pending', ${plan.tripId}, ${trip.organization_id}, ${stops[0]?.departs_at ?? ''}::timestamptz,
              ${stops[5]?.arrives_at ?? ''}::timestamptz, 0, 5, 'LKR', ${total}, ${config.bookings.commissionRateBasisPoints}, ${commission},
              ${total - commission}, ${policy}::jsonb, now() + interval '15 minutes', now(), now())`;
          await tx`insert into booking_lines ${tx(
            plan.seats.map((seat, position) => ({
              id: newId(),
              booking_id: id,
              position,
              kind: 'seat',
              description: `Seat ${seat}, stops 0→5`,
              quantity: 1,
              unit_minor: fare,
              amount_minor: fare,
              seat_no: seat,
            })),
          )}`;
          await tx`insert into seat_reservations ${tx(
            plan.seats.map((seat) => ({
              id: newId(),
              booking_id: id,
              trip_id: plan.tripId,
              seat_no: seat,
              legs: '[0,5)',
              from_stop: 0,
              to_stop: 5,
              fare_minor: fare,
              status: 'pending',
              created_at: new Date().toISOString(),
            })),
          )}`;
          await tx`insert into audit_log (id, at, actor_user_id, action, subject_type, subject_id, after)
            values (${newId()}, now(), ${plan.user.id}, 'booking.held', 'booking', ${id}, ${JSON.stringify({ seats: plan.seats })}::jsonb)`;
        });
      } catch {
        fixture.failures += 1;
      }
    },
  };
  return fixture;
}
