// bench/seat-holds: seat holds (POST /api/v1/bookings/reserve) and seat-map reads
// (GET /api/v1/trips/{id}/seats) through the whole HTTP stack, beside the raw SQL
// that does the same work in process, from the same run. Holds go to many trips
// and users so they mostly succeed (we measure the path, not a sold-out bus).
// Prints ops/s and p50/p99 at 1, 16 and 64 clients, the HTTP/raw ratios (goal ≥ 30 %),
// and p99 against seed 003's promise: < 50 ms to lock seats, < 100 ms to read availability
// (1 client: one customer's wait; 16 and 64 saturating clients: p99 is mostly queueing).
import {
  type Actor,
  confirmBooking,
  createBus,
  createOrganization,
  createRoute,
  createSeatLayout,
  createTrip,
  issueSession,
  reserveSeats,
} from '@fareway/core';
import { newId, schema } from '@fareway/db';
import { printVersusAnchor, startAnchor } from './anchor';
import { startBenchServer } from './hold-fixture';
import { type Figures, measure, openBenchDatabase, printTable } from './lib';

const HOLDS = Number(process.env.BENCH_HOLDS ?? 2000);
const READS = Number(process.env.BENCH_READS ?? 3000);
const SEATS_PER_HOLD = 2;
const ORIGIN = { ip: null, requestId: 'bench-seat-holds' };
const PROMISE_LOCK_MS = 50;
const PROMISE_READ_MS = 100;

/** A small seeded PRNG so every run books the same occupancy. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export async function runSeatHolds(): Promise<void> {
  const database = await openBenchDatabase();
  const { deps, app, base } = await startBenchServer(database, { HOLDS_MAX_PER_USER: '100' });
  const config = deps.config;
  const sql = database.sql;
  const anchor = await startAnchor(database);

  try {
    // --- inventory: one approved operator, a 40-seat bus layout and a 6-stop route; a 60-seat, 10-stop one for reads.
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
    const seats40 = layout40.cells.filter((c) => c.kind === 'seat').map((c) => c.label as string);
    const tripsFor = (holds: number) => Math.ceil(holds / (seats40.length / SEATS_PER_HOLD));
    const tripSet = async (count: number) => {
      const ids: string[] = [];
      for (let i = 0; i < count; i++) ids.push(await newTrip(layout40.id, route6.id));
      return ids;
    };
    /** Hold i of a row: trip i mod T, the (i div T)-th pair of seats, the whole trip; users round-robin. */
    const planOf = (trips: string[], i: number) => {
      const pair = Math.floor(i / trips.length);
      return {
        tripId: trips[i % trips.length] as string,
        seats: seats40.slice(pair * SEATS_PER_HOLD, pair * SEATS_PER_HOLD + SEATS_PER_HOLD),
        user: users[i % users.length] as { id: string; token: string },
      };
    };

    let failures = 0;
    const httpHold = (trips: string[]) => async (i: number) => {
      const plan = planOf(trips, i);
      const res = await fetch(`${base}/api/v1/bookings/reserve`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${plan.user.token}` },
        body: JSON.stringify({ tripId: plan.tripId, seatNumbers: plan.seats, fromStop: 0, toStop: 5 }),
      });
      await res.arrayBuffer();
      if (res.status !== 200) failures += 1;
    };
    const policy = JSON.stringify(config.bookings.policy);
    /** The same transaction written by hand: both locks, expiry, cap, check, booking + lines + seats + audit. */
    const rawHold = (trips: string[]) => async (i: number) => {
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
        failures += 1;
      }
    };

    // --- the 60-seat, 10-stop bus with realistic occupancy: random 1–3 seat holds on random legs, about half of them paid.
    const mapTrip = await newTrip(layout60.id, route10.id);
    const seats60 = layout60.cells.filter((c) => c.kind === 'seat').map((c) => c.label as string);
    const random = seeded(3);
    let held = 0;
    for (let i = 0; i < 260; i++) {
      const count = 1 + Math.floor(random() * 3);
      const chosen = new Set<string>();
      while (chosen.size < count) chosen.add(seats60[Math.floor(random() * seats60.length)] as string);
      const a = Math.floor(random() * 10);
      let b = Math.floor(random() * 9);
      if (b >= a) b += 1;
      const customer: Actor = { userId: users[(i * 7) % users.length]?.id ?? '', roles: ['customer'], sessionId: 'bench' };
      try {
        const booking = await reserveSeats(
          deps,
          customer,
          { tripId: mapTrip, seatNumbers: [...chosen], fromStop: Math.min(a, b), toStop: Math.max(a, b) },
          ORIGIN,
        );
        held += 1;
        if (random() < 0.5) await confirmBooking(deps, { bookingId: booking.id, paidMinor: booking.totalMinor });
      } catch {
        // SEATS_UNAVAILABLE: the bus is filling up, as it should.
      }
    }
    const [occupancy] = await sql<Array<{ used: number }>>`
      select coalesce(sum(upper(legs) - lower(legs)), 0)::int as used from seat_reservations
      where trip_id = ${mapTrip} and status in ('pending', 'confirmed', 'active')`;
    const occupancyPercent = (100 * (occupancy?.used ?? 0)) / (seats60.length * 9);
    const legOf = (i: number) => {
      const from = i % 9;
      const to = from + 1 + ((i * 7) % (9 - from));
      return { from, to };
    };
    const httpMap = async (i: number) => {
      const { from, to } = legOf(i);
      const res = await fetch(`${base}/api/v1/trips/${mapTrip}/seats?fromStop=${from}&toStop=${to}`);
      await res.arrayBuffer();
      if (res.status !== 200) failures += 1;
    };
    const rawMap = async (i: number) => {
      const { from, to } = legOf(i);
      await sql`select l.cells, t.status, o.status from trips t join seat_layouts l on l.id = t.layout_id
        join organizations o on o.id = t.organization_id where t.id = ${mapTrip}`;
      await sql`select fare_to_next_minor from trip_stops where trip_id = ${mapTrip} order by position`;
      await sql`select sr.seat_no, bool_or(sr.status <> 'pending') as sold from seat_reservations sr join bookings b on b.id = sr.booking_id
        where sr.trip_id = ${mapTrip} and sr.legs && int4range(${from}::int, ${to}::int)
          and (sr.status in ('confirmed', 'active') or (sr.status = 'pending' and b.expires_at > now())) group by sr.seat_no`;
    };

    // Warm-up: JIT, pools and plans.
    const warm = await tripSet(20);
    await measure('warm-up', 8, 200, httpHold(warm));
    await measure('warm-up', 8, 200, rawHold(await tripSet(20)));
    await measure('warm-up', 8, 300, httpMap);
    await measure('warm-up', 8, 300, rawMap);
    await anchor.run(8, 200);
    failures = 0;

    const holdRows: Figures[] = [];
    const readRows: Figures[] = [];
    const versus: Parameters<typeof printVersusAnchor>[1] = [];
    const ratios: string[] = [];
    const promises: string[] = [];
    for (const clients of [1, 16, 64]) {
      // One client is a latency probe, not a load: fewer operations.
      const holds = clients === 1 ? Math.ceil(HOLDS / 5) : HOLDS;
      const reads = clients === 1 ? Math.ceil(READS / 5) : READS;
      const httpTrips = await tripSet(tripsFor(holds));
      const rawTrips = await tripSet(tripsFor(holds));
      const raw = await measure('raw SQL hold (same transaction)', clients, holds, rawHold(rawTrips));
      const a = clients > 1 ? await anchor.run(clients, holds) : null;
      const http = await measure('POST /api/v1/bookings/reserve', clients, holds, httpHold(httpTrips));
      if (a) versus.push({ figures: http, anchor: a, goal: { throughput: 0.4 } });
      const rawRead = await measure('raw SQL seat map (3 queries)', clients, reads, rawMap);
      const httpRead = await measure('GET /api/v1/trips/{id}/seats', clients, reads, httpMap);
      holdRows.push(raw, http);
      readRows.push(rawRead, httpRead);
      ratios.push(
        `  ${clients} clients: holds HTTP/raw SQL ${((100 * http.perSecond) / raw.perSecond).toFixed(0)} % (goal ≥ 30 %), seat map HTTP/raw SQL ${((100 * httpRead.perSecond) / rawRead.perSecond).toFixed(0)} %`,
      );
      promises.push(
        `  ${clients} clients: hold p99 ${http.p99Ms.toFixed(1)} ms vs < ${PROMISE_LOCK_MS} ms ${http.p99Ms < PROMISE_LOCK_MS ? 'beaten' : 'MISSED'}; seat map p99 ${httpRead.p99Ms.toFixed(1)} ms vs < ${PROMISE_READ_MS} ms ${httpRead.p99Ms < PROMISE_READ_MS ? 'beaten' : 'MISSED'}`,
      );
    }
    printTable(
      `bench/seat-holds: ${SEATS_PER_HOLD}-seat holds on 40-seat, 6-stop buses (${HOLDS} per row, 1 client: ${Math.ceil(HOLDS / 5)})`,
      holdRows,
    );
    printTable(
      `seat map of a 60-seat, 10-stop bus, ${occupancyPercent.toFixed(0)} % of seat-segments taken (${held} holds, about half paid), random legs (${READS} per row, 1 client: ${Math.ceil(READS / 5)})`,
      readRows,
    );
    printVersusAnchor('bench/seat-holds: 2 seats on a 6-stop bus against the thin-stack anchor (same run)', versus);
    console.log('\nratios (same run)');
    for (const line of ratios) console.log(line);
    console.log("\nseed 003's promise (p99)");
    for (const line of promises) console.log(line);
    console.log(`\nrequests that did not succeed during measurement: ${failures}`);
  } finally {
    await app.close();
    await anchor.close();
    await database.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.env.TZ = 'UTC';
  await runSeatHolds();
  process.exit(0);
}
