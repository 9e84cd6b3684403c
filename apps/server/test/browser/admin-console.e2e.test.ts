import { createCaller, createContextFactory } from '@fareway/api';
import { DEMO_ADMIN, issueSession, postJournal } from '@fareway/core';
import { newId, schema } from '@fareway/db';
import { topUpPostings } from '@fareway/domain';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserApp, browserTestsOff, checkPage, DESKTOP, startBrowserApp, watchConsole } from './support';

/** Signs the demo admin in on the sign-in form the console shows at any address. */
async function signInAsAdmin(page: Page, path: string) {
  await page.goto(path);
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  await page.getByLabel('Email').fill(DEMO_ADMIN.email);
  await page.getByLabel('Password').fill(DEMO_ADMIN.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Waits until no "Loading…" status is left on the page. */
async function settled(page: Page) {
  await page
    .getByRole('status')
    .filter({ hasText: /Loading|Checking/ })
    .waitFor({ state: 'detached' });
}

/**
 * A customer (named, with a phone) with paid rentals on a demo car, made
 * through the router as the customer would (hold, then pay from a topped-up wallet).
 */
async function paidRentals(deps: BrowserApp['deps'], phone: string, count: number): Promise<string[]> {
  const now = deps.clock.now();
  const customerId = newId();
  await deps.db
    .insert(schema.users)
    .values({ id: customerId, phone, name: 'Nimal Perera', roles: ['customer'], status: 'active', createdAt: now, updatedAt: now });
  await postJournal(deps.db, {
    kind: 'top_up',
    reference: `browser-${customerId}`,
    currency: 'LKR',
    lines: topUpPostings({ provider: 'sandbox', amountMinor: 100_000_000, feeMinor: 0, customerId }),
    at: now,
  });
  const { token } = await issueSession(deps.db, customerId, now, 30, { ip: null, requestId: null });
  const caller = createCaller(
    createContextFactory(deps)({ requestId: 'req_browser_fixture', ip: '10.9.0.1', authorization: `Bearer ${token}` }),
  );
  const [vehicle] = await deps.database.sql<
    { id: string }[]
  >`select id from vehicles where status = 'approved' order by created_at limit 1`;
  if (!vehicle) throw new Error('the demo data has no approved vehicle');
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const start = new Date(now.getTime() + (20 + i * 3) * 86_400_000);
    const booking = await caller.bookings.create({
      vehicleId: vehicle.id,
      startDate: start.toISOString(),
      endDate: new Date(start.getTime() + 86_400_000).toISOString(),
    });
    await caller.payments.process({ bookingId: booking.id, method: 'wallet' });
    ids.push(booking.id);
  }
  return ids;
}

let app: BrowserApp;

describe.skipIf(browserTestsOff)('the admin console in Chromium', () => {
  beforeAll(async () => {
    app = await startBrowserApp();
  }, 600_000);

  afterAll(async () => {
    await app?.close();
  });

  it('signs the demo admin in and shows every console page at both widths', async () => {
    const context = await app.browser.newContext({ baseURL: app.base, viewport: DESKTOP, timezoneId: 'America/New_York' });
    const page = await context.newPage();
    const errors = watchConsole(page);

    await page.goto('/admin/users?q=admin');
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await checkPage(page, 'admin-sign-in', DESKTOP);
    await page.getByLabel('Email').fill(DEMO_ADMIN.email);
    await page.getByLabel('Password').fill(DEMO_ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();

    // The link asked for survives sign-in: the users list, searched.
    await page.getByRole('heading', { name: 'Users' }).waitFor();
    await expect(page.getByLabel('Phone, email or name').inputValue()).resolves.toBe('admin');
    await page.getByRole('table', { name: 'Users' }).getByText('Demo Admin').waitFor();
    await checkPage(page, 'admin-users', DESKTOP);

    for (const [path, heading, name] of [
      ['/admin/', 'Dashboard', 'admin-dashboard'],
      ['/admin/drivers', 'Driver applications', 'admin-drivers'],
      ['/admin/vehicles?status=approved', 'Vehicles', 'admin-vehicles'],
      ['/admin/operators?status=all', 'Operators', 'admin-operators'],
      ['/admin/ledger', 'Ledger · trial balance', 'admin-ledger'],
      ['/admin/ledger/journals', 'Ledger · journals', 'admin-ledger-journals'],
      ['/admin/notifications', 'Notifications', 'admin-notifications'],
    ] as const) {
      await page.goto(path);
      await page.getByRole('heading', { name: heading, exact: true }).waitFor();
      await page
        .getByRole('status')
        .filter({ hasText: /Loading|Checking/ })
        .waitFor({ state: 'detached' });
      await checkPage(page, name, DESKTOP);
    }
    expect(errors).toEqual([]);
    await context.close();
  }, 600_000);

  it('finds a paid booking by the customer’s phone, cancels it seeing the refund first, refunds another by hand, and retries a failed refund', async () => {
    const [first = '', second = ''] = await paidRentals(app.deps, '+94770001234', 2);
    const context = await app.browser.newContext({ baseURL: app.base, viewport: DESKTOP, timezoneId: 'America/New_York' });
    const page = await context.newPage();
    const errors = watchConsole(page);

    await signInAsAdmin(page, '/admin/bookings');
    await page.getByRole('heading', { name: 'Bookings' }).waitFor();
    // The phone typed the local way finds the customer's bookings; the filter lands in the URL.
    const filters = page.getByRole('form', { name: 'Filter bookings' });
    await filters.getByLabel('Customer phone').fill('077 000 1234');
    await filters.getByLabel('Status').selectOption('confirmed');
    await filters.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL(/phone=/);
    const table = page.getByRole('table', { name: 'Bookings' });
    await expect.poll(() => table.getByText('Nimal Perera').count(), { timeout: 15_000 }).toBe(2);
    await settled(page);
    await checkPage(page, 'admin-bookings', DESKTOP);

    await page.goto(`/admin/bookings/${first}`);
    await page.getByRole('heading', { name: /Rental booking/ }).waitFor();
    await settled(page);
    await page.getByRole('button', { name: 'Cancel booking' }).click();
    // The refund the policy gives is shown before confirming (the platform cancelling refunds all that was paid).
    await page.getByText(/Cancelling now refunds LKR/).waitFor();
    await checkPage(page, 'admin-booking', DESKTOP);
    await page.getByLabel('Reason (the customer reads it)').fill('Car recalled');
    await page.getByRole('button', { name: 'Cancel it' }).click();
    await page.getByText('Cancelled', { exact: true }).first().waitFor();
    const refunds = page.getByRole('table', { name: 'Refunds of this booking' });
    await refunds.getByText('Cancellation').waitFor();
    await page.getByText('booking.cancel').waitFor();

    await page.goto(`/admin/bookings/${second}`);
    await page.getByRole('heading', { name: /Rental booking/ }).waitFor();
    await page.getByLabel(/Refund amount/).fill('1500');
    await page.getByLabel('Reason', { exact: true }).fill('Late pickup');
    await page.getByRole('button', { name: 'Refund', exact: true }).click();
    await page.getByText(/Refund of LKR.*1,500\.00 created/).waitFor();
    await page.getByRole('table', { name: 'Refunds of this booking' }).getByText('“Late pickup”').waitFor();

    // A refund the gateway refused is retried from the refunds list.
    await app.deps.database.sql`update refunds set status = 'failed', last_error = 'Card account closed' where booking_id = ${second}`;
    await page.goto('/admin/refunds?status=failed');
    const failed = page.getByRole('table', { name: 'Refunds' });
    await failed.getByText('Card account closed').waitFor();
    await settled(page);
    await checkPage(page, 'admin-refunds', DESKTOP);
    await failed.getByRole('button', { name: 'Retry' }).click();
    await expect.poll(() => failed.getByRole('button', { name: 'Retry' }).count(), { timeout: 15_000 }).toBe(0);
    const [row] = await app.deps.database.sql<{ status: string }[]>`select status from refunds where booking_id = ${second}`;
    expect(row?.status).not.toBe('failed');

    await page.goto('/admin/payments');
    const paymentFilters = page.getByRole('form', { name: 'Filter payments' });
    await paymentFilters.getByLabel('Customer phone').fill('+94 77 000 1234');
    await paymentFilters.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL(/phone=/);
    const payments = page.getByRole('table', { name: 'Payments' });
    await expect.poll(() => payments.getByText('Nimal Perera').count(), { timeout: 15_000 }).toBe(2);
    await settled(page);
    await checkPage(page, 'admin-payments', DESKTOP);
    await payments.getByRole('link').first().click();
    await page.getByRole('heading', { name: /Wallet payment/, level: 1 }).waitFor();
    await settled(page);
    await checkPage(page, 'admin-payment', DESKTOP);

    expect(errors).toEqual([]);
    await context.close();
  }, 600_000);

  it('approves a statement, marks it paid and downloads its CSV; runs expire-holds and sees the run; reads the audit log', async () => {
    const [org] = await app.deps.database.sql<
      { id: string; name: string }[]
    >`select id, name from organizations order by created_at limit 1`;
    if (!org) throw new Error('the demo data has no operator');
    const now = app.deps.clock.now();
    const statement = newId();
    await app.deps.db.insert(schema.settlements).values({
      id: statement,
      period: '2026-10',
      partnerAccount: `partner_payable:org:${org.id}`,
      partnerOrganizationId: org.id,
      currency: 'LKR',
      status: 'draft',
      grossMinor: 500_000,
      commissionMinor: 50_000,
      feesMinor: 10_000,
      refundsMinor: 0,
      netMinor: 440_000,
      lineCount: 0,
      createdAt: now,
      updatedAt: now,
    });
    const context = await app.browser.newContext({ baseURL: app.base, viewport: DESKTOP, timezoneId: 'America/New_York' });
    const page = await context.newPage();
    const errors = watchConsole(page);

    await signInAsAdmin(page, '/admin/settlements?period=2026-10');
    const list = page.getByRole('table', { name: 'Settlements' });
    await list.getByRole('link', { name: org.name }).click();
    await page.getByRole('heading', { name: `${org.name} · 2026-10` }).waitFor();
    await page.getByRole('button', { name: 'Approve' }).click();
    await page.getByText(/Approving posts LKR.*4,400\.00/).waitFor();
    await checkPage(page, 'admin-settlement', DESKTOP);
    await page.getByRole('button', { name: 'Approve it' }).click();
    await page.getByLabel('Payout reference').fill('BANK-2026-10-001');
    await page.getByRole('button', { name: 'Mark paid' }).click();
    await page.getByText(/BANK-2026-10-001/).waitFor();
    // The CSV link answers text/csv with the session cookie the page has.
    const csv = await page.request.get(`/api/v1/admin/settlements/${statement}/csv`);
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-type']).toContain('text/csv');
    await page.goto('/admin/settlements?period=2026-10');
    await list.getByText('Paid').waitFor();
    await settled(page);
    await checkPage(page, 'admin-settlements', DESKTOP);

    await page.goto('/admin/jobs');
    const expireHolds = page.getByRole('region', { name: 'expire-holds' });
    await expireHolds.getByRole('button', { name: 'Run now' }).click();
    await expireHolds.getByText('Queued a run of expire-holds.').waitFor();
    // The worker picks it up; the page refreshes itself and shows the run done.
    await expireHolds.getByRole('table', { name: 'Last runs of expire-holds' }).getByText('Completed').first().waitFor({ timeout: 30_000 });
    await checkPage(page, 'admin-jobs', DESKTOP);

    await page.goto('/admin/audit');
    const auditFilters = page.getByRole('form', { name: 'Filter the audit log' });
    await auditFilters.getByLabel('Action').fill('settlement.approved');
    await auditFilters.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL(/action=settlement\.approved/);
    const auditLog = page.getByRole('table', { name: 'Audit log' });
    // One approval, by the admin: the header row and one line.
    await expect.poll(() => auditLog.getByRole('row').count(), { timeout: 15_000 }).toBe(2);
    await auditLog.getByText('Demo Admin').waitFor();
    await settled(page);
    await checkPage(page, 'admin-audit', DESKTOP);

    expect(errors).toEqual([]);
    await context.close();
  }, 600_000);
});
