import { newId, schema, withTransaction } from '@fareway/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDashboard } from '../src/dashboard/get-dashboard';
import { getAdminUser } from '../src/identity/get-admin-user';
import { issueSession } from '../src/identity/sessions';
import { setUserStatus } from '../src/identity/set-user-status';
import { getTrialBalance } from '../src/ledger/get-trial-balance';
import { listLedgerJournals } from '../src/ledger/list-ledger-journals';
import { listNotifications, MASKED_BODY } from '../src/notifications/list-notifications';
import { queueNotification } from '../src/notifications/queue-notification';
import { processRefund } from '../src/refunds/process-refund';
import { createTestDeps, type TestDeps } from '../src/testing';
import { insertRental, insertUser, insertVehicle } from './support/booking-fixtures';
import { codeOf } from './support/code-of';
import { cancelByPartner, insertPaidRental } from './support/money-fixtures';

let deps: TestDeps;
const NOW = '2026-03-10T12:00:00Z';
const ORIGIN = { ip: '10.0.0.1', requestId: 'req_admin_console' };
const fresh = { maxAgeMs: 0 };

/** The world the dashboard reads: paid rentals made today, 3 and 18 days ago and 40 days ago, a refund, holds, a failure. */
let world: { today: Awaited<ReturnType<typeof insertPaidRental>> };

beforeAll(async () => {
  deps = await createTestDeps({ jobs: 'sender' });
  deps.clock.set('2026-01-29T09:00:00Z'); // 40 days before: outside every window
  await insertPaidRental(deps);
  deps.clock.set('2026-02-20T09:00:00Z'); // 18 days before
  await insertPaidRental(deps);
  deps.clock.set('2026-03-07T23:30:00Z'); // 3 days before
  const cancelled = await insertPaidRental(deps);
  deps.clock.set(NOW);
  const today = await insertPaidRental(deps);
  // The partner cancels the one of 3 days ago: everything back to the customer's wallet, today.
  expect(await processRefund(deps, { refundId: await cancelByPartner(deps, cancelled) })).toBe('succeeded');
  const owner = await insertUser(deps, ['driver']);
  const vehicle = await insertVehicle(deps, owner);
  const customer = await insertUser(deps);
  const start = new Date(Date.parse(NOW) + 30 * 86_400_000);
  const day = 86_400_000;
  // A live hold, and a hold that lapsed unpaid (a decided hold that did not convert).
  await insertRental(deps, { customerId: customer, vehicleId: vehicle, ownerUserId: owner, start, end: new Date(start.getTime() + day) });
  const lapsedStart = new Date(start.getTime() + 5 * day);
  await insertRental(deps, {
    customerId: customer,
    vehicleId: vehicle,
    ownerUserId: owner,
    start: lapsedStart,
    end: new Date(lapsedStart.getTime() + day),
    expiresAt: new Date(Date.parse(NOW) - 60_000),
  });
  await insertVehicle(deps, owner, { status: 'pending_review' });
  world = { today };
});
afterAll(() => deps.cleanup());

describe('admin dashboard', () => {
  it('counts paid bookings by UTC day window, nets refunds off captures, and counts holds, conversion and approvals', async () => {
    const stats = await getDashboard(deps, fresh);
    expect(stats.generatedAt).toBe(new Date(NOW).toISOString());
    expect(stats.bookings).toEqual({ today: 1, last7Days: 2, last30Days: 3 });
    expect(stats.revenue).toEqual([{ currency: 'LKR', capturedMinor: 3_000_000, refundedMinor: 1_000_000, netMinor: 2_000_000 }]);
    expect(stats.liveHolds).toBe(1);
    // Decided holds of 30 days: three paid, one lapsed (the live one is not decided yet).
    expect(stats.conversion).toEqual({ settledHolds: 4, paid: 3, rate: 0.75 });
    expect(stats.pendingApprovals).toEqual({ drivers: 0, vehicles: 1, operators: 0 });
    expect(stats.days).toHaveLength(30);
    expect(stats.days[0]?.day).toBe('2026-02-09');
    expect(stats.days.at(-1)).toEqual({
      day: '2026-03-10',
      bookings: 1,
      revenue: [{ currency: 'LKR', capturedMinor: 1_000_000, refundedMinor: 1_000_000, netMinor: 0 }],
    });
    expect(stats.days.find((d) => d.day === '2026-03-07')).toMatchObject({ bookings: 1 });
    expect(stats.days.find((d) => d.day === '2026-02-20')).toMatchObject({ bookings: 1 });
    expect(stats.days.reduce((sum, d) => sum + d.bookings, 0)).toBe(3);
  });

  it('counts failed payments of the last 7 days', async () => {
    const before = (await getDashboard(deps, fresh)).failedPayments;
    const now = deps.clock.now();
    const customer = await insertUser(deps);
    for (const createdAt of [now, new Date(now.getTime() - 8 * 86_400_000)]) {
      await deps.db.insert(schema.payments).values({
        id: newId(),
        purpose: 'top_up',
        customerId: customer,
        provider: 'sandbox',
        status: 'failed',
        amountMinor: 500,
        currency: 'LKR',
        createdAt,
        updatedAt: createdAt,
      });
    }
    expect((await getDashboard(deps, fresh)).failedPayments).toBe(before + 1);
  });

  it('answers from the per-process cache until it is older than its max age', async () => {
    const first = await getDashboard(deps);
    const owner = await insertUser(deps, ['driver']);
    await insertVehicle(deps, owner, { status: 'pending_review' });
    deps.clock.advance(1_000);
    const cached = await getDashboard(deps);
    expect(cached).toBe(first);
    expect((await getDashboard(deps, fresh)).pendingApprovals.vehicles).toBe(first.pendingApprovals.vehicles + 1);
    expect((await getDashboard(deps, { maxAgeMs: 0 })).generatedAt).not.toBe(first.generatedAt);
  });
});

describe('admin user page', () => {
  it('shows roles, memberships, live sessions and bookings; a suspension ends every session at once', async () => {
    const admin = { userId: await insertUser(deps, ['customer', 'admin']), roles: ['customer', 'admin'] as const, sessionId: 'test' };
    const userId = world.today.customerId;
    await issueSession(deps.db, userId, deps.clock.now(), 30, { ...ORIGIN, userAgent: 'Phone app' });
    const page = await getAdminUser(deps, { userId });
    expect(page.user).toMatchObject({ id: userId, roles: ['customer'], status: 'active' });
    expect(page.memberships).toEqual([]);
    expect(page.sessions).toEqual([expect.objectContaining({ ip: '10.0.0.1', userAgent: 'Phone app' })]);
    expect(page.bookings.total).toBe(1);
    expect(page.bookings.items.map((b) => b.id)).toEqual([world.today.bookingId]);

    await setUserStatus(deps, { ...admin, roles: [...admin.roles] }, { userId, status: 'suspended' }, ORIGIN);
    const suspended = await getAdminUser(deps, { userId });
    expect(suspended.user.status).toBe('suspended');
    expect(suspended.sessions).toEqual([]);
    expect(await codeOf(getAdminUser(deps, { userId: '01900000-0000-7000-8000-000000000001' }))).toBe('USER_NOT_FOUND');
  });
});

describe('admin ledger', () => {
  it('names accounts by their owner, lists journals with their postings, and drills down into one account', async () => {
    const balance = await getTrialBalance(deps);
    const wallet = balance.accounts.find((a) => a.code.startsWith('customer_wallet:'));
    expect(wallet?.owner?.kind).toBe('user');
    expect(wallet?.name).toMatch(/^Customer wallet · \+9477\d+$/);
    expect(balance.accounts.find((a) => a.code === 'platform_revenue')).toMatchObject({ name: 'Platform revenue', owner: null });
    expect(balance.accounts.every((a) => !/[0-9a-f]{8}-[0-9a-f]{4}/.test(a.name))).toBe(true);

    const all = await listLedgerJournals(deps, { page: 1, limit: 50 });
    expect(all.meta.total).toBe(all.items.length);
    for (const journal of all.items) {
      expect(journal.postings.length).toBeGreaterThanOrEqual(2);
      expect(journal.postings.reduce((sum, p) => sum + p.amountMinor, 0)).toBe(0);
    }
    const times = all.items.map((j) => j.createdAt);
    expect([...times].sort().reverse()).toEqual(times);

    if (!wallet) throw new Error('no wallet account');
    const drill = await listLedgerJournals(deps, { page: 1, limit: 50, account: { code: wallet.code, currency: wallet.currency } });
    expect(drill.items[0]?.postings.find((p) => p.code === wallet.code)?.name).toBe(wallet.name);
    expect(drill.items.length).toBeGreaterThan(0);
    expect(drill.items.every((j) => j.postings.some((p) => p.code === wallet.code))).toBe(true);
    expect(drill.items.length).toBeLessThan(all.items.length);
    expect(drill.meta.total).toBe(drill.items.length);
    const second = await listLedgerJournals(deps, { page: 2, limit: 1, account: { code: wallet.code, currency: wallet.currency } });
    expect(second.items.map((j) => j.id)).toEqual(drill.items.slice(1, 2).map((j) => j.id));
  });
});

describe('admin notifications outbox', () => {
  it('lists messages newest first with their state; a sign-in code is readable in development and masked in production', async () => {
    await withTransaction(deps.db, (tx) => queueNotification(tx, deps, { to: '+94771230000', template: 'otp', data: { code: '482913' } }));
    const dev = await listNotifications(deps, { page: 1, limit: 100, channel: 'sms' });
    const otp = dev.items.find((m) => m.recipient === '+94771230000');
    expect(otp).toMatchObject({ kind: 'otp', status: 'queued', masked: false, attempts: [] });
    expect(otp?.body).toContain('482913');
    const production = await listNotifications({ ...deps, config: { ...deps.config, env: 'production' } }, { page: 1, limit: 100 });
    const hidden = production.items.find((m) => m.id === otp?.id);
    expect(hidden).toMatchObject({ masked: true, body: MASKED_BODY });
    expect(JSON.stringify(production)).not.toContain('482913');
    // Not a secret: shown as written, even in production.
    const notice = production.items.find((m) => m.kind !== 'otp');
    if (notice) expect(notice.masked).toBe(false);
    expect((await listNotifications(deps, { page: 1, limit: 100, status: 'dead' })).items).toEqual([]);
    expect((await listNotifications(deps, { page: 1, limit: 100, status: 'queued' })).items.map((m) => m.id)).toContain(otp?.id);
  });
});
