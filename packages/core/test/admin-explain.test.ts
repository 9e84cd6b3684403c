import { schema } from '@fareway/db';
import { eq } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAdminBookings } from '../src/back-office/list-admin-bookings';
import { getDashboard } from '../src/dashboard/get-dashboard';
import type { Deps } from '../src/deps';
import { getAdminUser } from '../src/identity/get-admin-user';
import { listUsers } from '../src/identity/list-users';
import { listLedgerJournals } from '../src/ledger/list-ledger-journals';
import { listNotifications } from '../src/notifications/list-notifications';
import { createTestDeps, type TestDeps } from '../src/testing';
import { insertUser, insertVehicle } from './support/booking-fixtures';

/**
 * The admin console's list and aggregate queries against tables big enough
 * (ROWS each, analysed) for the planner to prefer an index where one serves:
 * every statement a use case sends is captured through a logging Drizzle and
 * EXPLAINed with its own parameters; a Seq Scan of a big table fails the test.
 */
const ROWS = 20_000;
const BIG = ['users', 'sessions', 'bookings', 'payments', 'refunds', 'notifications', 'ledger_journals', 'ledger_entries', 'organizations'];

let deps: TestDeps;
let captured: { query: string; params: unknown[] }[] = [];
let logged: Pick<Deps, 'db' | 'clock' | 'config'>;
let someUser: string;
let someWallet: string;

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

function indexesUsed(node: PlanNode, found: string[] = []): string[] {
  if (node['Index Name']) found.push(node['Index Name']);
  for (const child of node.Plans ?? []) indexesUsed(child, found);
  return found;
}

function seqScans(node: PlanNode, found: string[] = []): string[] {
  if (node['Node Type'] === 'Seq Scan' && node['Relation Name']) found.push(node['Relation Name']);
  for (const child of node.Plans ?? []) seqScans(child, found);
  return found;
}

/** Runs `work` through the logging database and answers the big tables each of its statements scans sequentially. */
async function scansOf(work: () => Promise<unknown>): Promise<{ query: string; seqScans: string[]; indexes: string[] }[]> {
  captured = [];
  await work();
  const statements = captured;
  expect(statements.length).toBeGreaterThan(0);
  const out: { query: string; seqScans: string[]; indexes: string[] }[] = [];
  for (const { query, params } of statements) {
    const [row] = await deps.database.sql.unsafe<{ 'QUERY PLAN': [{ Plan: PlanNode }] }[]>(
      `explain (format json) ${query}`,
      params as never[],
    );
    const plan = row?.['QUERY PLAN'][0]?.Plan;
    if (!plan) throw new Error(`no plan for ${query}`);
    // The unfiltered total of a page ("1–20 of N") counts every row by nature: the one read allowed to scan.
    const wholeTableCount = /^select count\(\*\) from "\w+"$/.test(query.trim());
    const scans = wholeTableCount ? [] : seqScans(plan).filter((t) => BIG.includes(t));
    out.push({ query: query.replace(/\s+/g, ' ').slice(0, 160), seqScans: scans, indexes: indexesUsed(plan) });
  }
  return out;
}

const noBigSeqScan = (plans: { query: string; seqScans: string[] }[]) => expect(plans.filter((p) => p.seqScans.length > 0)).toEqual([]);

beforeAll(async () => {
  deps = await createTestDeps({ jobs: 'sender' }); // the pg-boss schema exists, as in every running system
  deps.clock.set('2026-03-10T12:00:00Z');
  const sql = deps.database.sql;
  // Bookings need a real vehicle (a foreign key); they carry no occupancy rows, so they never overlap.
  const vehicle = await insertVehicle(deps, await insertUser(deps, ['driver']));
  const now = deps.clock.now().toISOString();
  // Everything over ~400 days, oldest first, so created_at follows insertion as it does in life.
  await sql`
    insert into users (id, phone, roles, status, created_at, updated_at)
    select gen_random_uuid(), '+9470' || lpad(i::text, 7, '0'), '{customer}', 'active',
           ${now}::timestamptz - (${ROWS} - i) * interval '30 minutes', ${now}::timestamptz
    from generate_series(1, ${ROWS}) i`;
  await sql`
    insert into sessions (id, user_id, created_at, expires_at)
    select md5(u.id::text), u.id, u.created_at, u.created_at + interval '30 days' from users u`;
  await sql`
    insert into organizations (id, name, status, created_at, updated_at)
    select gen_random_uuid(), 'Operator ' || i, case when i % 50 = 0 then 'pending' else 'approved' end,
           ${now}::timestamptz - (${ROWS} - i) * interval '30 minutes', ${now}::timestamptz
    from generate_series(1, ${ROWS}) i`;
  await sql`
    with u as (select array_agg(id order by created_at) ids from users)
    insert into bookings (id, kind, customer_id, status, vehicle_id, starts_at, ends_at, currency, total_minor,
                          commission_rate_basis_points, commission_minor, partner_minor, policy, paid_minor,
                          expires_at, confirmed_at, created_at, updated_at)
    select gen_random_uuid(), 'rental', u.ids[1 + i % 2000], case when i % 10 = 0 then 'expired' else 'completed' end,
           ${vehicle}::uuid, t + interval '3 days', t + interval '4 days', 'LKR', 10000, 1000, 1000, 9000, '{}'::jsonb,
           case when i % 10 = 0 then 0 else 10000 end, t + interval '5 minutes',
           case when i % 10 = 0 then null else t end, t, t
    from u, generate_series(1, ${ROWS}) i, lateral (select ${now}::timestamptz - (${ROWS} - i) * interval '30 minutes' as t) at`;
  await sql`
    insert into payments (id, purpose, booking_id, customer_id, provider, status, amount_minor, currency, captured_minor,
                          created_at, updated_at, completed_at, failed_at)
    select gen_random_uuid(), 'booking', b.id, b.customer_id, 'sandbox',
           case when b.status = 'expired' then 'failed' else 'completed' end, b.total_minor, b.currency,
           case when b.status = 'expired' then 0 else b.total_minor end, b.created_at, b.created_at,
           case when b.status = 'expired' then null else b.created_at end, case when b.status = 'expired' then b.created_at end
    from bookings b`;
  await sql`
    insert into refunds (id, payment_id, booking_id, customer_id, amount_minor, currency, reason, destination, status,
                         attempts, created_at, updated_at, completed_at)
    select gen_random_uuid(), p.id, p.booking_id, p.customer_id, 5000, p.currency, 'cancellation', 'wallet', 'succeeded', 1,
           p.created_at + interval '1 hour', p.created_at + interval '1 hour', p.created_at + interval '1 hour'
    from payments p where p.status = 'completed' and get_byte(uuid_send(p.id), 15) % 8 = 0`;
  await sql`
    insert into notifications (id, channel, recipient, user_id, kind, body, status, attempts, next_attempt_at, created_at, sent_at)
    select gen_random_uuid(), 'sms', u.phone, u.id, 'booking.confirmed', 'Your booking is confirmed',
           case when get_byte(uuid_send(u.id), 15) % 20 = 0 then 'dead' else 'sent' end, 1, u.created_at, u.created_at, u.created_at
    from users u`;
  await sql`
    insert into ledger_accounts (code, currency, kind, created_at)
    select 'customer_wallet:' || id, 'LKR', 'liability', ${now}::timestamptz from (select id from users order by created_at limit 2000) u
    union all select 'gateway_clearing:sandbox', 'LKR', 'asset', ${now}::timestamptz`;
  await sql`
    with j as (
      insert into ledger_journals (id, kind, reference, created_at)
      select gen_random_uuid(), 'top_up', 'seed-' || i, ${now}::timestamptz - (${ROWS} - i) * interval '30 minutes'
      from generate_series(1, ${ROWS}) i returning id, created_at, reference
    ), w as (select array_agg(code order by code) codes from ledger_accounts where code like 'customer_wallet:%')
    insert into ledger_entries (id, journal_id, account_code, currency, amount_minor, line_kind, created_at)
    select gen_random_uuid(), j.id, x.code, 'LKR', x.amount, 'top_up', j.created_at
    from j, w, lateral (values ('gateway_clearing:sandbox', 1000),
                               (w.codes[1 + (substr(j.reference, 6)::int % 2000)], -1000)) x(code, amount)`;
  await sql`analyze`;
  const [user] = await sql<{ id: string }[]>`select customer_id as id from bookings order by created_at desc limit 1`;
  const [wallet] = await sql<{ code: string }[]>`select code from ledger_accounts where code like 'customer_wallet:%' limit 1`;
  someUser = user?.id as string;
  someWallet = wallet?.code as string;
  logged = {
    ...deps,
    db: drizzle(deps.database.sql, {
      schema,
      casing: 'snake_case',
      logger: { logQuery: (query, params) => void captured.push({ query, params }) },
    }) as unknown as Deps['db'],
  };
}, 120_000);
afterAll(() => deps.cleanup());

describe('EXPLAIN of the admin console’s queries on big tables', () => {
  it('notices a Seq Scan when no index serves a query (the check itself works)', async () => {
    const plans = await scansOf(() => logged.db.select().from(schema.bookings).where(eq(schema.bookings.totalMinor, 7)).limit(10));
    expect(plans.flatMap((p) => p.seqScans)).toEqual(['bookings']);
  });

  it('dashboard aggregates', async () => noBigSeqScan(await scansOf(() => getDashboard(logged, { maxAgeMs: 0 }))));

  it('users: the newest page; one user’s page (memberships, sessions, bookings)', async () => {
    noBigSeqScan(await scansOf(() => listUsers(logged, { page: 3, limit: 25 })));
    noBigSeqScan(await scansOf(() => getAdminUser(logged, { userId: someUser })));
  });

  it('users: a search for part of a phone, an email or a name goes through the trigram indexes (migration 0022)', async () => {
    for (const search of ['0019876', 'perera@example', 'Nimal Per']) {
      const plans = await scansOf(() => listUsers(logged, { page: 1, limit: 25, search }));
      noBigSeqScan(plans);
      // The total counts the matches only: without the trigram indexes that is a read of every user.
      const total = plans.find((p) => p.query.startsWith('select count(*)'));
      expect(total?.indexes).toEqual(['users_search_trgm_idx']);
    }
  });

  it('bookings by status and by customer', async () => {
    noBigSeqScan(await scansOf(() => listAdminBookings(logged, { page: 2, limit: 20, status: 'expired' })));
    noBigSeqScan(await scansOf(() => listAdminBookings(logged, { page: 1, limit: 20, customerId: someUser })));
  });

  it('ledger journals, and one account’s drill-down', async () => {
    noBigSeqScan(await scansOf(() => listLedgerJournals(logged, { page: 2, limit: 20 })));
    noBigSeqScan(await scansOf(() => listLedgerJournals(logged, { page: 1, limit: 20, account: { code: someWallet, currency: 'LKR' } })));
  });

  it('notifications outbox, all and by state', async () => {
    noBigSeqScan(await scansOf(() => listNotifications(logged, { page: 2, limit: 20 })));
    noBigSeqScan(await scansOf(() => listNotifications(logged, { page: 1, limit: 20, status: 'dead' })));
  });
});
