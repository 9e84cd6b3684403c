import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectDatabase, type DatabaseHandle, migrate, restartEmbeddedPostgres, startEmbeddedPostgres } from '@fareway/db';

export interface BenchDatabase extends DatabaseHandle {
  url: string;
  stop(): Promise<void>;
}

/**
 * DATABASE_URL when set, else a throwaway embedded Postgres; migrated either way.
 * `statements`: the embedded one is restarted with pg_stat_statements loaded, so a
 * bench can count round trips and server time per operation (readStatements).
 */
export async function openBenchDatabase(options: { statements?: boolean } = {}): Promise<BenchDatabase> {
  let url = process.env.DATABASE_URL;
  let stopServer = async () => {};
  let folder: string | undefined;
  if (!url) {
    folder = await mkdtemp(join(tmpdir(), 'fareway-bench-'));
    const server = await startEmbeddedPostgres({ dataDir: folder, database: 'fareway_bench' });
    url = server.url;
    stopServer = server.stop;
    if (options.statements) {
      const admin = connectDatabase(url, { max: 1 });
      await admin.sql`alter system set shared_preload_libraries = 'pg_stat_statements'`;
      await admin.sql`alter system set pg_stat_statements.track = 'all'`;
      await admin.close();
      await restartEmbeddedPostgres(join(folder, 'pg'));
    }
  }
  if (options.statements) {
    const admin = connectDatabase(url, { max: 1 });
    await admin.sql`create extension if not exists pg_stat_statements`;
    await admin.close();
  }
  await migrate(url);
  const handle = connectDatabase(url, { max: 20, applicationName: 'fareway-bench' });
  return {
    ...handle,
    url,
    async stop() {
      await handle.close();
      await stopServer();
      if (folder) await rm(folder, { recursive: true, force: true });
    },
  };
}

export interface Figures {
  label: string;
  clients: number;
  operations: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** This process's CPU (user + system) per operation: the server and the load generator together. */
  cpuMs: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** Runs `operation` `total` times from `clients` concurrent loops; a bounded, self-stopping load. */
export async function measure(label: string, clients: number, total: number, operation: (i: number) => Promise<void>): Promise<Figures> {
  const latencies: number[] = [];
  let next = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < total) {
        const i = next++;
        const t0 = performance.now();
        await operation(i);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  latencies.sort((a, b) => a - b);
  return {
    label,
    clients,
    operations: total,
    perSecond: total / seconds,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    cpuMs: (used.user + used.system) / 1000 / total,
  };
}

export function printTable(title: string, rows: Figures[]): void {
  console.log(`\n${title}`);
  console.log('  scenario                                  clients      ops/s    p50 ms    p99 ms  cpu ms');
  for (const r of rows) {
    console.log(
      `  ${r.label.padEnd(40)} ${String(r.clients).padStart(7)} ${r.perSecond.toFixed(0).padStart(10)} ${r.p50Ms.toFixed(2).padStart(9)} ${r.p99Ms.toFixed(2).padStart(9)} ${r.cpuMs.toFixed(2).padStart(7)}`,
    );
  }
}

/**
 * CPU time of the whole Postgres cluster behind `sql` (postmaster, every backend,
 * WAL writer, checkpointer, I/O workers), read from Linux's /proc: unlike wall time or
 * pg_stat_statements it does not grow when the machine is busy with other work, so
 * it compares runs made on a loaded machine. Returns a reader of the ms used since
 * the call, or null when the server is not local (DATABASE_URL elsewhere, not Linux).
 */
export async function postgresCpu(sql: DatabaseHandle['sql']): Promise<(() => number) | null> {
  const [row] = await sql<{ pid: number }[]>`select pg_backend_pid() as pid`;
  const postmaster = row ? parentOf(row.pid) : null;
  // A remote server's pid may name some unrelated local process: only a local postgres counts.
  if (postmaster === null || !commandOf(postmaster).includes('postgres')) return null;
  const total = () => {
    let ns = 0;
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid) || (Number(pid) !== postmaster && parentOf(Number(pid)) !== postmaster)) continue;
      try {
        ns += Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0]);
      } catch {
        // The process ended between the listing and the read: its time is lost to both readings alike.
      }
    }
    return ns / 1e6;
  };
  const start = total();
  return () => total() - start;
}

function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return '';
  }
}

function parentOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command may hold spaces and parentheses: the fields that follow start after the last ')'.
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return null;
  }
}

let seedCalls = 0;

/**
 * Rental holds in set-based SQL (fast enough for 10⁵): one owner-customer user
 * per vehicle, the vehicles, then `holds` pending bookings spread over them on
 * consecutive non-overlapping days (the exclusion constraint holds them all),
 * with their occupancy rows. `expiresAt` is SQL (e.g. `now() - interval '1 hour'`).
 * With `intents`, each booking also gets a pending sandbox payment intent whose
 * id is returned beside the booking's.
 */
export async function seedRentalHolds(
  sql: DatabaseHandle['sql'],
  input: { holds: number; vehicles: number; expiresAt: string; intents?: boolean },
): Promise<{ bookingId: string; intentId: string | null }[]> {
  seedCalls += 1;
  const tag = `bench${seedCalls}`;
  await sql`insert into users (id, phone, roles, status, created_at, updated_at)
    select gen_random_uuid(), '+947' || ${String(10 + seedCalls)} || lpad(i::text, 6, '0'), '{customer,driver}', 'active', now(), now()
    from generate_series(1, ${input.vehicles}) i`;
  await sql`insert into vehicles (id, owner_user_id, make, model, year, type, seats, transmission, fuel, city, time_zone,
      daily_rate_minor, currency, buffer_minutes, status, created_at, updated_at)
    select gen_random_uuid(), u.id, 'Toyota', ${tag}, 2020, 'car', 4, 'automatic', 'hybrid', 'Colombo', 'Asia/Colombo',
      1000000, 'LKR', 0, 'approved', now(), now()
    from users u where not exists (select 1 from vehicles v where v.owner_user_id = u.id)`;
  const perVehicle = Math.ceil(input.holds / input.vehicles);
  const rows = await sql<{ id: string }[]>`
    with v as (select id, owner_user_id from vehicles where model = ${tag}),
    b as (
      select gen_random_uuid() as id, v.id as vehicle_id, v.owner_user_id,
        date_trunc('day', now()) + make_interval(days => 30 + d) as starts_at
      from v cross join generate_series(0, ${perVehicle - 1}) d
      limit ${input.holds}
    ),
    booked as (
      insert into bookings (id, kind, customer_id, status, vehicle_id, partner_user_id, starts_at, ends_at, currency,
        total_minor, commission_rate_basis_points, commission_minor, partner_minor, policy, expires_at, created_at, updated_at)
      select id, 'rental', owner_user_id, 'pending', vehicle_id, owner_user_id, starts_at, starts_at + interval '1 day', 'LKR',
        1000000, 1000, 100000, 900000, '{}'::jsonb, ${sql.unsafe(input.expiresAt)}, now(), now()
      from b returning id, vehicle_id, starts_at, ends_at
    ),
    occupied as (
      insert into vehicle_occupancies (id, vehicle_id, kind, booking_id, starts_at, ends_at, blocked_period, status, created_at)
      select gen_random_uuid(), vehicle_id, 'booking', id, starts_at, ends_at, tstzrange(starts_at, ends_at), 'pending', now()
      from booked
    )
    select id from booked`;
  const ids = rows.map((r) => r.id);
  if (!input.intents) return ids.map((bookingId) => ({ bookingId, intentId: null }));
  const intents = await sql<{ booking_id: string; id: string }[]>`
    insert into payments (id, purpose, booking_id, customer_id, provider, status, amount_minor, currency, created_at, updated_at)
    select gen_random_uuid(), 'booking', b.id, b.customer_id, 'sandbox', 'pending', b.total_minor, 'LKR', now(), now()
    from bookings b where b.id in ${sql(ids)}
    returning booking_id, id`;
  return intents.map((r) => ({ bookingId: r.booking_id, intentId: r.id }));
}
/**
 * Budgets no bench reaches from its one address: the limiter still runs on every request
 * (its cost is measured), it just never refuses the load generator.
 */
export const UNREACHED_RATE_LIMITS = {
  RATE_LIMIT_PER_MINUTE: '100000000',
  RATE_LIMIT_AUTH_PER_MINUTE: '100000000',
  RATE_LIMIT_PAYMENTS_PER_MINUTE: '100000000',
  RATE_LIMIT_WEBHOOKS_PER_MINUTE: '100000000',
} as const;

/**
 * Statistics, as a running system has them (autovacuum analyzes a table every so many changes; a bench
 * fills its tables within seconds of creating them, before autovacuum wakes). Without them Postgres
 * estimates one row per index and picks among equal costs by order: a hold's live-hold count then went
 * through bookings_pending_expiry_idx, reading every live hold of every customer (issue 16), in the
 * hand-written transaction as in core's. Rental holds count them the same way.
 */
export async function analyzeAfterWarmUp(database: BenchDatabase): Promise<void> {
  await database.sql`analyze`;
}
