// bench/profile-seat-holds: where a seat hold's time goes (issue 16), as bench/profile-holds does for
// rental holds. BENCH_PROFILE_HOLDS 2-seat holds (default 2000) on 40-seat, 6-stop buses at 16 clients:
// the anchor, the hand-written transaction, core's reserveSeats alone in process, and
// POST /api/v1/bookings/reserve, each priced per hold (this process's CPU ms, statements sent to
// Postgres and nested ones, Postgres execution ms, WAL bytes / records / full-page images, and for the
// hand-written and core rows the WAL records by relation and kind), then the statements of the core and
// HTTP rows and how often each index of the tables a hold writes was scanned.
// (BENCH_PROFILE_CLIENTS: another client count; 1 prices a hold without contention.)
// BENCH_PROFILE_OUT=/tmp/seat records V8 CPU profiles of the core and HTTP rows
// (/tmp/seat-core.cpuprofile, /tmp/seat-http.cpuprofile):
//   cd bench && BENCH_PROFILE_OUT=/tmp/seat npx tsx profile-seat-holds.ts
//   npx tsx cpu-profile-summary.ts /tmp/seat-core.cpuprofile
import { pathToFileURL } from 'node:url';
import { startAnchor } from './anchor';
import { startBenchServer } from './hold-fixture';
import { analyzeAfterWarmUp, type BenchDatabase, measure, openBenchDatabase } from './lib';
import { priced, printStatements, profiled } from './price-operations';
import { seatHoldFixture } from './seat-hold-fixture';

const HOLDS = Number(process.env.BENCH_PROFILE_HOLDS ?? 2000);
const CLIENTS = Number(process.env.BENCH_PROFILE_CLIENTS ?? 16);
const PROFILE_OUT = process.env.BENCH_PROFILE_OUT;

type WalStats = { records: number; fpi: number; bytes: number };

async function walStats(database: BenchDatabase): Promise<WalStats> {
  const [row] = await database.sql<WalStats[]>`
    select wal_records::float8 as records, wal_fpi::float8 as fpi, wal_bytes::float8 as bytes from pg_stat_wal`;
  if (!row) throw new Error('pg_stat_wal is empty');
  return row;
}

/**
 * `work` with the WAL it wrote per operation (records, full-page images, bytes; pg_stat_wal is cluster-wide,
 * so nothing else runs meanwhile). A checkpoint first: every row pays the full-page images of the pages it
 * touches first, as in steady state after each checkpoint. `detail`: the records by relation and kind
 * (pg_walinspect), and those of no relation (commits, MultiXacts: a row lock shared by concurrent holds).
 */
async function walPriced<T>(
  database: BenchDatabase,
  label: string,
  operations: number,
  work: () => Promise<T>,
  detail = false,
): Promise<T> {
  const { sql } = database;
  await sql`checkpoint`;
  const before = await walStats(database);
  const [start] = await sql<Array<{ lsn: string }>>`select pg_current_wal_insert_lsn()::text as lsn`;
  const result = await work();
  const [end] = await sql<Array<{ lsn: string }>>`select pg_current_wal_insert_lsn()::text as lsn`;
  const after = await walStats(database);
  const per = (k: keyof WalStats) => (after[k] - before[k]) / operations;
  console.log(
    `    WAL per op (${label}): ${per('bytes').toFixed(0)} bytes, ${per('records').toFixed(1)} records, ${per('fpi').toFixed(2)} full-page images`,
  );
  if (detail && start && end) {
    const rows = await sql<Array<{ what: string; n: number }>>`
      select coalesce(c.relname, b.relfilenode::text) || ' ' || b.resource_manager || ':' || b.record_type as what,
        count(*)::float8 / ${operations} as n
      from pg_get_wal_block_info(${start.lsn}::pg_lsn, ${end.lsn}::pg_lsn) b left join pg_class c on c.relfilenode = b.relfilenode
      group by 1
      union all
      select '(no relation) ' || resource_manager || ':' || record_type, count(*)::float8 / ${operations}
      from pg_get_wal_records_info(${start.lsn}::pg_lsn, ${end.lsn}::pg_lsn) where block_ref is null
      group by 1
      order by 1`;
    const shown = rows.filter((r) => r.n >= 0.05).map((r) => `${r.what} ${r.n.toFixed(2)}`);
    console.log(`      WAL records per op by relation and kind: ${shown.join('; ')}`);
  }
  return result;
}

/** Which indexes of the hold's tables were scanned, and how big they are, after the run. */
async function printIndexUse(database: BenchDatabase): Promise<void> {
  const rows = await database.sql<Array<{ table: string; index: string; scans: number; size: string }>>`
    select relname as table, indexrelname as index, idx_scan::int as scans, pg_size_pretty(pg_relation_size(indexrelid)) as size
    from pg_stat_user_indexes
    where relname in ('bookings', 'booking_lines', 'seat_reservations', 'audit_log', 'notifications')
    order by relname, indexrelname`;
  console.log('\n  indexes written by a seat hold (scans since the start of this run, size)');
  for (const r of rows) console.log(`  ${r.table.padEnd(18)} ${r.index.padEnd(44)} ${String(r.scans).padStart(8)}  ${r.size}`);
}

export async function runProfileSeatHolds(): Promise<void> {
  const database = await openBenchDatabase({ statements: true });
  const server = await startBenchServer(database, { HOLDS_MAX_PER_USER: '100' });
  const anchor = await startAnchor(database);
  await database.sql`create extension if not exists pg_walinspect`;
  try {
    const fixture = await seatHoldFixture(database, server);
    const trips = async () => fixture.tripSet(fixture.tripsFor(HOLDS));
    await anchor.run(8, 300);
    await measure('warm-up raw', 8, 300, fixture.rawHold(await fixture.tripSet(20)));
    await measure('warm-up core', 8, 300, fixture.coreHold(await fixture.tripSet(20)));
    await measure('warm-up HTTP', 8, 300, fixture.httpHold(await fixture.tripSet(20)));
    await analyzeAfterWarmUp(database);
    const [rawTrips, coreTrips, httpTrips] = [await trips(), await trips(), await trips()];
    fixture.failures = 0;

    console.log(`\nbench/profile-seat-holds: ${HOLDS} two-seat holds per row, ${CLIENTS} clients`);
    await walPriced(database, 'anchor', HOLDS, () =>
      priced(database, 'anchor (thin Fastify + postgres.js)', () => anchor.run(CLIENTS, HOLDS)),
    );
    await walPriced(
      database,
      'raw',
      HOLDS,
      () => priced(database, 'raw SQL hold (same transaction)', () => measure('raw', CLIENTS, HOLDS, fixture.rawHold(rawTrips))),
      true,
    );
    const core = await walPriced(
      database,
      'core',
      HOLDS,
      () =>
        priced(database, 'core reserveSeats in process', () =>
          profiled(PROFILE_OUT && `${PROFILE_OUT}-core.cpuprofile`, () => measure('core', CLIENTS, HOLDS, fixture.coreHold(coreTrips))),
        ),
      true,
    );
    const http = await walPriced(database, 'HTTP', HOLDS, () =>
      priced(database, 'POST /api/v1/bookings/reserve', () =>
        profiled(PROFILE_OUT && `${PROFILE_OUT}-http.cpuprofile`, () => measure('HTTP', CLIENTS, HOLDS, fixture.httpHold(httpTrips))),
      ),
    );
    printStatements('core seat hold statements', core, HOLDS);
    printStatements('HTTP seat hold statements', http, HOLDS, 12);
    await printIndexUse(database);
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
