import { createCaller, createContextFactory } from '@fareway/api';
import { DEMO_ADMIN, issueSession, postJournal, uploadFile } from '@fareway/core';
import { newId, schema } from '@fareway/db';
import { topUpPostings } from '@fareway/domain';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserApp, browserTestsOff, checkPage, DESKTOP, PHONE, startBrowserApp, TABLET, watchConsole } from './support';

/** The console's widths (issue 12): a laptop, a tablet held upright, and an admin's phone. */
const CONSOLE_WIDTHS = [PHONE, TABLET, DESKTOP] as const;

/** Checks the page as it is at every console width, leaving it at the laptop's. */
const look = (page: Page, name: string) => checkPage(page, name, DESKTOP, CONSOLE_WIDTHS);

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const PDF = Buffer.from('%PDF-1.4\n%scan of a licence\n');

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

/** A signed-in user of the fixture: their id, their session token and a router caller as them. */
async function fixtureUser(deps: BrowserApp['deps'], phone: string, name: string, roles: ('customer' | 'driver')[]) {
  const now = deps.clock.now();
  const id = newId();
  await deps.db.insert(schema.users).values({ id, phone, name, roles, status: 'active', createdAt: now, updatedAt: now });
  const { token } = await issueSession(deps.db, id, now, 30, { ip: null, requestId: null });
  const caller = createCaller(
    createContextFactory(deps)({ requestId: 'req_browser_fixture', ip: '10.9.0.3', authorization: `Bearer ${token}` }),
  );
  return { id, token, caller };
}

/**
 * A driver (with the licence they applied with) whose new car in Galle waits
 * for review, with a photo: made through the router as the driver app would.
 */
async function pendingVehicle(deps: BrowserApp['deps']) {
  const owner = await fixtureUser(deps, '+94770001777', 'Sunil Jayasuriya', ['customer', 'driver']);
  const actor = { userId: owner.id, roles: ['customer' as const, 'driver' as const], sessionId: 'fixture' };
  const origin = { ip: null, requestId: null };
  const photo = await uploadFile(deps, actor, { purpose: 'vehicle_photo', contentType: 'image/png', bytes: PNG }, origin);
  const licence = await uploadFile(deps, actor, { purpose: 'driver_document', contentType: 'application/pdf', bytes: PDF }, origin);
  const now = deps.clock.now();
  await deps.db.insert(schema.driverApplications).values({
    id: newId(),
    userId: owner.id,
    fullName: 'Sunil Jayasuriya',
    nationalId: '198812345678',
    licenceNumber: 'B7654321',
    licenceExpiry: '2031-01-01',
    documents: [{ kind: 'licence_front', fileId: licence.id }],
    status: 'approved',
    createdAt: now,
    updatedAt: now,
  });
  const vehicle = await owner.caller.vehicles.create({
    make: 'Mitsubishi',
    model: 'Montero',
    year: 2021,
    type: 'suv',
    seats: 7,
    transmission: 'automatic',
    fuel: 'diesel',
    city: 'Galle',
    timeZone: 'Asia/Colombo',
    dailyRateMinor: 2_500_000,
    currency: 'LKR',
  });
  await owner.caller.vehicles.addPhoto({ id: vehicle.id, fileId: photo.id });
  await owner.caller.vehicles.submit({ id: vehicle.id });
  return { vehicleId: vehicle.id, ownerId: owner.id };
}

/** The vehicles a customer finds in a city, through the public REST search. */
async function customerSearch(base: string, city: string): Promise<string[]> {
  const response = await fetch(`${base}/api/v1/vehicles?location=${city}`);
  const body = (await response.json()) as { data: { id: string }[] };
  return body.data.map((v) => v.id);
}

let app: BrowserApp;

describe.skipIf(browserTestsOff)('the admin console in Chromium', () => {
  beforeAll(async () => {
    app = await startBrowserApp();
  }, 600_000);

  afterAll(async () => {
    await app?.close();
  });

  it('signs the demo admin in, shows every console page at both widths, approves a waiting car customers then find, and suspends a user whose next call fails', async () => {
    const waiting = await pendingVehicle(app.deps);
    const suspect = await fixtureUser(app.deps, '+94770001888', 'Ruwan Suspect', ['customer']);
    const context = await app.browser.newContext({ baseURL: app.base, viewport: DESKTOP, timezoneId: 'America/New_York' });
    const page = await context.newPage();
    const errors = watchConsole(page);

    await page.goto('/admin/users?q=admin');
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await look(page, 'admin-sign-in');
    await page.getByLabel('Email').fill(DEMO_ADMIN.email);
    await page.getByLabel('Password').fill(DEMO_ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();

    // The link asked for survives sign-in: the users list, searched.
    await page.getByRole('heading', { name: 'Users' }).waitFor();
    await expect(page.getByLabel('Phone, email or name').inputValue()).resolves.toBe('admin');
    await page.getByRole('table', { name: 'Users' }).getByText('Demo Admin').waitFor();
    await look(page, 'admin-users');

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
      await look(page, name);
    }

    // A waiting car, found by its owner's phone typed the local way; its photo and the owner's licence are shown.
    expect(await customerSearch(app.base, 'Galle')).not.toContain(waiting.vehicleId);
    await page.goto('/admin/vehicles');
    const vehicleSearch = page.getByRole('form', { name: 'Search vehicles' });
    await vehicleSearch.getByLabel(/owner’s name or phone/).fill('077 000 1777');
    await vehicleSearch.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/q=/);
    const card = page.getByRole('region', { name: 'Mitsubishi Montero (2021)' });
    await card.getByText('Sunil Jayasuriya').waitFor();
    // Both open through the access-checked file route, with the admin's session.
    const opened = async (src: string | null) => {
      const response = await page.request.get(src ?? '/missing');
      return `${response.status()} ${response.headers()['content-type']}`;
    };
    const photo = card.getByRole('img', { name: /Mitsubishi Montero, view 1/ });
    expect(await opened(await photo.getAttribute('src'))).toBe('200 image/png');
    expect(await opened(await card.getByRole('link', { name: 'Licence front' }).getAttribute('href'))).toBe('200 application/pdf');
    await settled(page);
    await look(page, 'admin-vehicle-review');
    // Approving carries a note the owner is told.
    await card.getByRole('button', { name: 'Approve…' }).click();
    await card.getByLabel('Note to the owner (optional)').fill('Insurance renews in May');
    await card.getByRole('button', { name: 'Approve vehicle' }).click();
    await card.waitFor({ state: 'detached' });
    expect(await customerSearch(app.base, 'Galle')).toContain(waiting.vehicleId);
    const [approved] = await app.deps.database.sql<{ body: string }[]>`
      select body from notifications where user_id = ${waiting.ownerId} and kind = 'vehicle.approved'`;
    expect(approved?.body).toContain('Insurance renews in May');

    // Suspending a user ends their session at once: their very next call is refused.
    const me = (token: string) => fetch(`${app.base}/api/v1/auth/me`, { headers: { authorization: `Bearer ${token}` } });
    expect((await me(suspect.token)).status).toBe(200);
    await page.goto('/admin/users?q=Ruwan');
    const row = page.getByRole('table', { name: 'Users' }).getByRole('row').filter({ hasText: 'Ruwan Suspect' });
    await row.getByRole('button', { name: 'Suspend' }).click();
    await row.getByRole('button', { name: 'Suspend' }).click();
    await row.getByText('Suspended', { exact: true }).waitFor();
    const refused = await me(suspect.token);
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('TOKEN_INVALID');

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
    await look(page, 'admin-bookings');
    // When it was booked reads the same in the list and on the booking's page: the booking's zone, named
    // because this browser is in New York.
    const listedBooked = await table
      .getByRole('row')
      .filter({ has: page.locator(`a[href$="${first}"]`) })
      .getByText(/\(Asia\/Colombo\)$/)
      .allTextContents();

    await page.goto(`/admin/bookings/${first}`);
    await page.getByRole('heading', { name: /Rental booking/ }).waitFor();
    await settled(page);
    const booked =
      (await page
        .locator('.fw-kv__row', { has: page.getByText('Booked', { exact: true }) })
        .locator('dd')
        .textContent()) ?? '';
    expect(booked).toMatch(/\(Asia\/Colombo\)$/);
    expect(listedBooked).toContain(booked);
    await page.getByRole('button', { name: 'Cancel booking' }).click();
    // The refund the policy gives is shown before confirming (the platform cancelling refunds all that was paid).
    await page.getByText(/Cancelling now refunds LKR/).waitFor();
    await look(page, 'admin-booking');
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
    await look(page, 'admin-refunds');
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
    await look(page, 'admin-payments');
    await payments.getByRole('link').first().click();
    await page.getByRole('heading', { name: /Wallet payment/, level: 1 }).waitFor();
    await settled(page);
    await look(page, 'admin-payment');

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
    await look(page, 'admin-settlement');
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
    await look(page, 'admin-settlements');

    await page.goto('/admin/jobs');
    const expireHolds = page.getByRole('region', { name: 'expire-holds' });
    await expireHolds.getByRole('button', { name: 'Run now' }).click();
    await expireHolds.getByText('Queued a run of expire-holds.').waitFor();
    // The worker picks it up; the page refreshes itself and shows the run done.
    await expireHolds.getByRole('table', { name: 'Last runs of expire-holds' }).getByText('Completed').first().waitFor({ timeout: 30_000 });
    await look(page, 'admin-jobs');

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
    await look(page, 'admin-audit');

    expect(errors).toEqual([]);
    await context.close();
  }, 600_000);
});
