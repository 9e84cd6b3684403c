// bench/seat-holds: seat holds (POST /api/v1/bookings/reserve) and seat-map reads
// (GET /api/v1/trips/{id}/seats) through the whole HTTP stack, beside the raw SQL
// that does the same work in process, from the same run. Holds go to many trips
// and users so they mostly succeed (we measure the path, not a sold-out bus).
// Prints ops/s and p50/p99 at 1, 16 and 64 clients, the HTTP/raw ratios (goal ≥ 30 %),
// and p99 against seed 003's promise: < 50 ms to lock seats, < 100 ms to read availability
// (1 client: one customer's wait; 16 and 64 saturating clients: p99 is mostly queueing).
import { type Actor, confirmBooking, reserveSeats } from '@fareway/core';
import { printVersusAnchor, startAnchor } from './anchor';
import { startBenchServer } from './hold-fixture';
import { analyzeAfterWarmUp, type Figures, measure, openBenchDatabase, printTable } from './lib';
import { ORIGIN, SEATS_PER_HOLD, seatHoldFixture } from './seat-hold-fixture';

const HOLDS = Number(process.env.BENCH_HOLDS ?? 2000);
const READS = Number(process.env.BENCH_READS ?? 3000);
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
  const sql = database.sql;
  const anchor = await startAnchor(database);

  try {
    const fixture = await seatHoldFixture(database, { deps, app, base });
    const { users, seats60, tripSet, tripsFor, httpHold, rawHold } = fixture;
    // --- the 60-seat, 10-stop bus with realistic occupancy: random 1–3 seat holds on random legs, about half of them paid.
    const mapTrip = await fixture.newTrip(fixture.layout60Id, fixture.route10Id);
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
      if (res.status !== 200) fixture.failures += 1;
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
    await analyzeAfterWarmUp(database);
    fixture.failures = 0;

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
    console.log(`\nrequests that did not succeed during measurement: ${fixture.failures}`);
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
