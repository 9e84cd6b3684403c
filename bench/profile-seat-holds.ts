// bench/profile-seat-holds: where a seat hold's time goes (issue 16), as bench/profile-holds does for
// rental holds. BENCH_PROFILE_HOLDS 2-seat holds (default 2000) on 40-seat, 6-stop buses at 16 clients:
// the anchor, the hand-written transaction, core's reserveSeats alone in process, and
// POST /api/v1/bookings/reserve, each priced per hold (this process's CPU ms, statements sent to
// Postgres and nested ones, Postgres execution ms), then the statements of the core and HTTP rows.
// (BENCH_PROFILE_CLIENTS: another client count; 1 prices a hold without contention.)
// BENCH_PROFILE_OUT=/tmp/seat records V8 CPU profiles of the core and HTTP rows
// (/tmp/seat-core.cpuprofile, /tmp/seat-http.cpuprofile):
//   cd bench && BENCH_PROFILE_OUT=/tmp/seat npx tsx profile-seat-holds.ts
//   npx tsx cpu-profile-summary.ts /tmp/seat-core.cpuprofile
import { pathToFileURL } from 'node:url';
import { startAnchor } from './anchor';
import { startBenchServer } from './hold-fixture';
import { measure, openBenchDatabase } from './lib';
import { priced, printStatements, profiled } from './price-operations';
import { seatHoldFixture } from './seat-hold-fixture';

const HOLDS = Number(process.env.BENCH_PROFILE_HOLDS ?? 2000);
const CLIENTS = Number(process.env.BENCH_PROFILE_CLIENTS ?? 16);
const PROFILE_OUT = process.env.BENCH_PROFILE_OUT;

export async function runProfileSeatHolds(): Promise<void> {
  const database = await openBenchDatabase({ statements: true });
  const server = await startBenchServer(database, { HOLDS_MAX_PER_USER: '100' });
  const anchor = await startAnchor(database);
  try {
    const fixture = await seatHoldFixture(database, server);
    const trips = async () => fixture.tripSet(fixture.tripsFor(HOLDS));
    await anchor.run(8, 300);
    await measure('warm-up raw', 8, 300, fixture.rawHold(await fixture.tripSet(20)));
    await measure('warm-up core', 8, 300, fixture.coreHold(await fixture.tripSet(20)));
    await measure('warm-up HTTP', 8, 300, fixture.httpHold(await fixture.tripSet(20)));
    const [rawTrips, coreTrips, httpTrips] = [await trips(), await trips(), await trips()];
    fixture.failures = 0;

    console.log(`\nbench/profile-seat-holds: ${HOLDS} two-seat holds per row, ${CLIENTS} clients`);
    await priced(database, 'anchor (thin Fastify + postgres.js)', () => anchor.run(CLIENTS, HOLDS));
    await priced(database, 'raw SQL hold (same transaction)', () => measure('raw', CLIENTS, HOLDS, fixture.rawHold(rawTrips)));
    const core = await priced(database, 'core reserveSeats in process', () =>
      profiled(PROFILE_OUT && `${PROFILE_OUT}-core.cpuprofile`, () => measure('core', CLIENTS, HOLDS, fixture.coreHold(coreTrips))),
    );
    const http = await priced(database, 'POST /api/v1/bookings/reserve', () =>
      profiled(PROFILE_OUT && `${PROFILE_OUT}-http.cpuprofile`, () => measure('HTTP', CLIENTS, HOLDS, fixture.httpHold(httpTrips))),
    );
    printStatements('core seat hold statements', core, HOLDS);
    printStatements('HTTP seat hold statements', http, HOLDS, 12);
    console.log(`\nholds that did not succeed during measurement: ${fixture.failures}`);
  } finally {
    await server.app.close();
    await anchor.close();
    await database.stop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.env.TZ = 'UTC';
  await runProfileSeatHolds();
  process.exit(0);
}
