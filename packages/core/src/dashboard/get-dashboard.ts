import type { Database } from '@fareway/db';
import { TTLCache } from '@isaacs/ttlcache';
import { sql } from 'drizzle-orm';
import type { Deps } from '../deps';

/** How long one process answers the dashboard from memory before asking the database again. */
export const DASHBOARD_MAX_AGE_MS = 30_000;
const DAY_MS = 86_400_000;
/** The days the charts and the 30-day figures cover, today (UTC) included. */
export const DASHBOARD_DAYS = 30;

export interface DashboardMoney {
  currency: string;
  capturedMinor: number;
  refundedMinor: number;
  /** captured − refunded */
  netMinor: number;
}

export interface DashboardStats {
  generatedAt: string;
  /** Bookings that were paid (confirmed at some point), by when they were made; days are UTC days. */
  bookings: { today: number; last7Days: number; last30Days: number };
  /** Booking money over the last 30 days per currency: captured, refunded, net. */
  revenue: DashboardMoney[];
  /** Holds awaiting payment right now (pending, not yet expired). */
  liveHolds: number;
  /** Of the holds made in the last 30 days that are no longer live, how many were paid. */
  conversion: { settledHolds: number; paid: number; rate: number | null };
  /** Payments that failed in the last 7 days. */
  failedPayments: number;
  /** Background jobs in the failed or retry state. */
  failingJobs: number;
  pendingApprovals: { drivers: number; vehicles: number; operators: number };
  /** One row per UTC day, oldest first, DASHBOARD_DAYS of them. */
  days: { day: string; bookings: number; revenue: DashboardMoney[] }[];
}

const caches = new WeakMap<Database, TTLCache<'stats', Promise<DashboardStats>>>();

/**
 * The admin dashboard's figures, from SQL aggregates each served by an index
 * (bookings_created_idx, bookings_pending_expiry_idx, payments_captured_idx,
 * refunds_succeeded_idx, payments_status_created_idx and the approval queues'
 * status indexes; the EXPLAIN test in api checks them). They are cached per
 * process for `maxAgeMs` (one computation shared by concurrent callers), since
 * every open console polls them; a figure may therefore lag by that long.
 */
export async function getDashboard(deps: Pick<Deps, 'db' | 'clock'>, options: { maxAgeMs?: number } = {}): Promise<DashboardStats> {
  const maxAgeMs = options.maxAgeMs ?? DASHBOARD_MAX_AGE_MS;
  if (maxAgeMs <= 0) return computeDashboard(deps);
  let cache = caches.get(deps.db);
  if (!cache) {
    cache = new TTLCache({ max: 1, ttl: maxAgeMs });
    caches.set(deps.db, cache);
  }
  const cached = cache.get('stats');
  if (cached) return cached;
  const computing = computeDashboard(deps);
  cache.set('stats', computing, { ttl: maxAgeMs });
  // A failure is not remembered: the next caller asks again.
  computing.catch(() => cache.delete('stats'));
  return computing;
}

const dayOf = (date: Date) => date.toISOString().slice(0, 10);

async function computeDashboard(deps: Pick<Deps, 'db' | 'clock'>): Promise<DashboardStats> {
  const now = deps.clock.now();
  const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const from = new Date(today.getTime() - (DASHBOARD_DAYS - 1) * DAY_MS);
  const weekAgo = new Date(today.getTime() - 6 * DAY_MS);
  const failedSince = new Date(now.getTime() - 7 * DAY_MS);
  const utcDay = (column: string) => sql.raw(`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD')`);
  // postgres.js binds a raw query's parameters as text: instants go as ISO strings, cast.
  const at = (date: Date) => sql`${date.toISOString()}::timestamptz`;

  const [bookingDays, captured, refunded, live, failed, jobs, approvals] = await Promise.all([
    deps.db.execute<{ day: string; paid: number; settled: number }>(sql`
      select ${utcDay('created_at')} as day,
        count(*) filter (where confirmed_at is not null)::int as paid,
        count(*) filter (where not (status = 'pending' and expires_at > ${at(now)}))::int as settled
      from bookings where created_at >= ${at(from)} group by 1`),
    deps.db.execute<{ day: string; currency: string; minor: string }>(sql`
      select ${utcDay('completed_at')} as day, currency, sum(captured_minor)::text as minor
      from payments where captured_minor > 0 and completed_at >= ${at(from)} and purpose = 'booking' group by 1, 2`),
    deps.db.execute<{ day: string; currency: string; minor: string }>(sql`
      select ${utcDay('completed_at')} as day, currency, sum(amount_minor)::text as minor
      from refunds
      -- A booking's refund names its booking (a wallet top-up's does not): no join to payments needed.
      where status = 'succeeded' and completed_at >= ${at(from)} and booking_id is not null group by 1, 2`),
    deps.db.execute<{ n: number }>(sql`select count(*)::int as n from bookings where status = 'pending' and expires_at > ${at(now)}`),
    deps.db.execute<{ n: number }>(
      sql`select count(*)::int as n from payments where status = 'failed' and created_at >= ${at(failedSince)}`,
    ),
    deps.db.execute<{ n: number }>(sql`select count(*)::int as n from pgboss.job where state in ('failed', 'retry')`),
    deps.db.execute<{ drivers: number; vehicles: number; operators: number }>(sql`select
      (select count(*)::int from driver_applications where status = 'pending') as drivers,
      (select count(*)::int from vehicles where status = 'pending_review') as vehicles,
      (select count(*)::int from organizations where status = 'pending') as operators`),
  ]);

  const days: DashboardStats['days'] = [];
  for (let t = from.getTime(); t <= today.getTime(); t += DAY_MS) days.push({ day: dayOf(new Date(t)), bookings: 0, revenue: [] });
  const byDay = new Map(days.map((d) => [d.day, d]));
  let settledHolds = 0;
  let paidHolds = 0;
  for (const row of bookingDays) {
    const day = byDay.get(row.day);
    if (day) day.bookings = row.paid;
    settledHolds += row.settled;
    paidHolds += row.paid;
  }
  const moneyOf = (list: DashboardMoney[], currency: string) => {
    let money = list.find((m) => m.currency === currency);
    if (!money) {
      money = { currency, capturedMinor: 0, refundedMinor: 0, netMinor: 0 };
      list.push(money);
      list.sort((a, b) => a.currency.localeCompare(b.currency));
    }
    return money;
  };
  const revenue: DashboardMoney[] = [];
  for (const [rows, field] of [
    [captured, 'capturedMinor'],
    [refunded, 'refundedMinor'],
  ] as const) {
    for (const row of rows) {
      const minor = Number(row.minor);
      const day = byDay.get(row.day);
      for (const money of [moneyOf(revenue, row.currency), ...(day ? [moneyOf(day.revenue, row.currency)] : [])]) {
        money[field] += minor;
        money.netMinor = money.capturedMinor - money.refundedMinor;
      }
    }
  }
  const since = (start: Date) => days.filter((d) => d.day >= dayOf(start)).reduce((sum, d) => sum + d.bookings, 0);
  const approval = [...approvals][0];
  return {
    generatedAt: now.toISOString(),
    bookings: { today: since(today), last7Days: since(weekAgo), last30Days: since(from) },
    revenue,
    liveHolds: [...live][0]?.n ?? 0,
    // Paid holds over holds that are decided (paid, expired or cancelled); a hold still live counts later.
    conversion: { settledHolds, paid: paidHolds, rate: settledHolds > 0 ? paidHolds / settledHolds : null },
    failedPayments: [...failed][0]?.n ?? 0,
    failingJobs: [...jobs][0]?.n ?? 0,
    pendingApprovals: { drivers: approval?.drivers ?? 0, vehicles: approval?.vehicles ?? 0, operators: approval?.operators ?? 0 },
    days,
  };
}
