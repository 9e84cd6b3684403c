import { createCaller, createContextFactory } from '@fareway/api';
import { DEMO_ADMIN, issueSession } from '@fareway/core';
import { newId, schema } from '@fareway/db';
import type { Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BrowserApp,
  browserTestsOff,
  checkPage,
  DESKTOP,
  newTravellerContext,
  PHONE,
  startBrowserApp,
  TABLET,
  watchConsole,
} from './support';

// Issue 12, the operator's side: a new user applies as an operator from the console,
// the admin approves, the owner builds a 2+2 layout, a bus, a 4-stop route and a week
// of trips, and a customer finds one of them in the customer app.
const OWNER_PHONE = '+94770000612';
const CODE = '135790';
const COMPANY = 'Hill Country Express';
const ZONE = 'Asia/Colombo';
const EVERY_WIDTH = [PHONE, TABLET, DESKTOP] as const;

/** A calendar date in Colombo, `days` from now (YYYY-MM-DD). */
function colomboDate(days: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(new Date(Date.now() + days * 86_400_000));
}

/** Waits until no "Loading…" status is left on the page. */
async function settled(page: Page) {
  await page
    .getByRole('status')
    .filter({ hasText: /Loading|Checking/ })
    .waitFor({ state: 'detached' });
}

/** Every width the consoles are checked at, after the page has settled. */
async function look(page: Page, name: string) {
  await settled(page);
  await checkPage(page, name, DESKTOP, EVERY_WIDTH);
}

/** A caller for a user of the fixture (a customer booking a seat, a second applicant). */
async function callerOf(app: BrowserApp, userId: string) {
  const { token } = await issueSession(app.deps.db, userId, app.deps.clock.now(), 30, { ip: null, requestId: null });
  return createCaller(
    createContextFactory(app.deps)({ requestId: 'req_office_fixture', ip: '10.9.0.2', authorization: `Bearer ${token}` }),
  );
}

async function insertUser(app: BrowserApp, phone: string, name: string): Promise<string> {
  const now = app.deps.clock.now();
  const id = newId();
  await app.deps.db.insert(schema.users).values({ id, phone, name, roles: ['customer'], status: 'active', createdAt: now, updatedAt: now });
  return id;
}

let app: BrowserApp;

describe.skipIf(browserTestsOff)('the operator office in Chromium', () => {
  beforeAll(async () => {
    app = await startBrowserApp({ OTP_TEST_NUMBERS: `${OWNER_PHONE}=${CODE}` });
  }, 600_000);

  afterAll(async () => {
    await app?.close();
  });

  it('takes a new user from applying to a week of trips a customer finds, with manifest and cancellation', async () => {
    const owner = await app.browser.newContext({ baseURL: app.base, viewport: DESKTOP, timezoneId: 'America/New_York' });
    const page = await owner.newPage();
    const errors = watchConsole(page);

    // A new user signs in with their phone on the console's sign-in page.
    await page.goto('/admin/');
    const phoneCard = page.getByRole('region', { name: 'Operator staff: get a code by SMS' });
    await phoneCard.getByLabel('Mobile number').fill(OWNER_PHONE);
    await phoneCard.getByRole('button', { name: 'Send code' }).click();
    await phoneCard.getByLabel('6-digit code').fill(CODE);
    await phoneCard.getByRole('button', { name: 'Sign in', exact: true }).click();

    // Neither an admin nor staff: told what they can do next.
    await page.getByRole('heading', { name: 'Run a bus company on Fareway' }).waitFor();
    await look(page, 'office-apply');
    await page.getByLabel('Company name').fill(COMPANY);
    await page.getByRole('button', { name: 'Apply as an operator' }).click();
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    await page.getByText('Fareway is reviewing your application').waitFor();
    await look(page, 'office-overview-pending');
    const organizationId = page.url().split('/office/')[1]?.split(/[/?]/)[0] ?? '';
    expect(organizationId).toMatch(/^[0-9a-f-]{36}$/);

    // A second applicant the admin turns down, with a reason its owner is told.
    const otherOwner = await insertUser(app, '+94770000613', 'Sunil Silva');
    const other = await (await callerOf(app, otherOwner)).organizations.create({ name: 'Night Rider Travels' });

    // The admin approves one and rejects the other from the operators page.
    const admin = await app.browser.newContext({ baseURL: app.base, viewport: DESKTOP, timezoneId: 'America/New_York' });
    const adminPage = await admin.newPage();
    const adminErrors = watchConsole(adminPage);
    await adminPage.goto('/admin/operators');
    await adminPage.getByLabel('Email').fill(DEMO_ADMIN.email);
    await adminPage.getByLabel('Password').fill(DEMO_ADMIN.password);
    await adminPage.getByRole('button', { name: 'Sign in', exact: true }).click();
    const queue = adminPage.getByRole('table', { name: 'Operators' });
    const rejected = queue.getByRole('row').filter({ hasText: 'Night Rider Travels' });
    await rejected.getByRole('button', { name: 'Reject' }).click();
    await rejected.getByLabel('Reason').fill('No route permit attached');
    await rejected.getByRole('button', { name: 'Reject it' }).click();
    await expect.poll(() => rejected.count(), { timeout: 15_000 }).toBe(0);
    const approving = queue.getByRole('row').filter({ hasText: COMPANY });
    await approving.getByRole('button', { name: 'Approve' }).click();
    // Approving asks first; the confirmation's button carries the same word.
    await approving.getByRole('button', { name: 'Approve' }).click();
    await expect.poll(() => queue.getByRole('row').filter({ hasText: COMPANY }).count(), { timeout: 15_000 }).toBe(0);
    const statuses = await app.deps.database.sql<{ id: string; status: string }[]>`
      select id, status from organizations where id in (${organizationId}, ${other.id}) order by name`;
    expect(statuses).toEqual([
      { id: organizationId, status: 'approved' },
      { id: other.id, status: 'suspended' },
    ]);
    const [notice] = await app.deps.database.sql<{ body: string }[]>`
      select body from notifications where user_id = ${otherOwner} and kind = 'operator.rejected'`;
    expect(notice?.body).toContain('No route permit attached');
    expect(adminErrors).toEqual([]);
    await admin.close();

    // The owner's office now says approved.
    await page.reload();
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    await page.getByText('Approved', { exact: true }).first().waitFor();
    await look(page, 'office-overview');

    // An admin address opened by someone who is not an admin leads to their office before any admin page
    // loads: nothing of it shows, and none of its queries goes out only to be refused.
    const refused: string[] = [];
    const onResponse = (response: Response) => {
      if (response.status() === 403) refused.push(response.url());
    };
    page.on('response', onResponse);
    await page.goto('/admin/bookings');
    await page.waitForURL(new RegExp(`/admin/office/${organizationId}$`));
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    page.off('response', onResponse);
    expect(refused).toEqual([]);

    // A 2+2 layout, with a recliner class on the front seat; the preview is the customer's seat map.
    await page.getByRole('link', { name: 'Seat layouts' }).click();
    await page.getByRole('heading', { name: 'Seat layouts', level: 1 }).waitFor();
    await page.getByLabel('Layout name').fill('2+2 coach');
    await page.getByRole('button', { name: '2+2 coach' }).click();
    await page.getByLabel('Another seat class').fill('recliner');
    await page.getByRole('button', { name: 'Add class' }).click();
    await page.getByRole('button', { name: 'Row 1, column 1: seat 1A, standard' }).click();
    const preview = page.getByRole('list', { name: 'Seat classes' }).first();
    await preview.getByText('recliner: 1 seat').waitFor();
    await expect(page.getByRole('button', { name: 'Seat 1A, free' }).count()).resolves.toBe(1);
    await page.getByRole('button', { name: 'Save layout' }).click();
    await page.getByRole('heading', { name: '2+2 coach · 41 seats' }).waitFor();
    await look(page, 'office-layouts');

    // A bus with it.
    await page.getByRole('link', { name: 'Buses' }).click();
    await page.getByLabel('Bus name').fill('Kandy Flyer');
    await page.getByLabel('Registration number').fill('NB-4521');
    await page.getByRole('button', { name: 'Add bus' }).click();
    await page.getByRole('table', { name: 'Buses' }).getByText('NB-4521').waitFor();
    await look(page, 'office-buses');

    // A route of four stops, times and fares per leg.
    await page.getByRole('link', { name: 'Routes' }).click();
    await page.getByLabel('Route name').fill('Colombo – Kandy');
    await page.getByRole('button', { name: 'Add stop' }).click();
    await page.getByRole('button', { name: 'Add stop' }).click();
    const stops = [
      { name: 'Colombo Fort', city: 'Colombo', fare: '300.00' },
      { name: 'Kadawatha', city: 'Gampaha', arrive: '0:45', leave: '0:50', fare: '250.00' },
      { name: 'Kegalle', city: 'Kegalle', arrive: '1:50', leave: '1:55', fare: '200.00' },
      { name: 'Kandy Goods Shed', city: 'Kandy', arrive: '3:00' },
    ];
    for (const [i, stop] of stops.entries()) {
      const group = page.getByRole('group', { name: new RegExp(`^Stop ${i + 1}\\b`) });
      await group.getByLabel('Stop name').fill(stop.name);
      await group.getByLabel('City').fill(stop.city);
      if (stop.arrive) await group.getByLabel(/^Arrives/).fill(stop.arrive);
      if (stop.leave) await group.getByLabel(/^Leaves/).fill(stop.leave);
      if (stop.fare) await group.getByLabel(/^Fare to stop/).fill(stop.fare);
    }
    await page.getByRole('button', { name: 'Save route' }).click();
    const routes = page.getByRole('table', { name: 'Routes' });
    await routes.getByText('Colombo Fort → Kadawatha → Kegalle → Kandy Goods Shed').waitFor();
    await routes.getByText('LKR 750.00').waitFor();
    await look(page, 'office-routes');

    // A week of trips at 07:30 Colombo time, from tomorrow.
    await page.getByRole('link', { name: 'Trips' }).click();
    await page.getByLabel('First day').fill(colomboDate(1));
    await page.getByLabel('Last day').fill(colomboDate(7));
    await page.getByLabel(/^Departure times/).fill('07:30');
    await page.getByRole('button', { name: 'Publish trips' }).click();
    await page.getByText('Published 7 trips.').waitFor();
    const trips = await app.deps.database.sql<{ local: string }[]>`
      select to_char(departs_at at time zone ${ZONE}, 'YYYY-MM-DD HH24:MI') as local
      from trips where organization_id = ${organizationId} order by departs_at`;
    expect(trips.map((t) => t.local)).toEqual(Array.from({ length: 7 }, (_, i) => `${colomboDate(i + 1)} 07:30`));
    const tripTable = page.getByRole('table', { name: 'Trips' });
    await tripTable.getByRole('link').first().waitFor();
    await look(page, 'office-trips');

    // A customer finds the second day's trip, Kadawatha → Kandy, in the customer app.
    const traveller = await newTravellerContext(app);
    const customerPage = await traveller.newPage();
    const customerErrors = watchConsole(customerPage);
    await customerPage.goto(`/bus?origin=Kadawatha&destination=Kandy&date=${colomboDate(2)}`);
    const found = customerPage.getByRole('article', { name: 'Kadawatha to Kandy Goods Shed, Colombo – Kandy' });
    await found.waitFor();
    await found.getByText(COMPANY, { exact: false }).waitFor();
    await found.getByText('LKR 450.00').waitFor();
    expect(customerErrors).toEqual([]);
    await traveller.close();

    // The customer holds two seats on the first trip (through the router, as the app would).
    const customer = await insertUser(app, '+94770000614', 'Ama Perera');
    const [firstTrip] = await app.deps.database.sql<{ id: string }[]>`
      select id from trips where organization_id = ${organizationId} order by departs_at limit 1`;
    const tripId = firstTrip?.id ?? '';
    await (await callerOf(app, customer)).bookings.reserve({ tripId, seatNumbers: ['1A', '1B'], fromStop: 1, toStop: 3 });

    // The trip page: the seat map per leg, the manifest, and cancelling with the refunds shown first.
    await tripTable.getByRole('link').first().click();
    await page.getByRole('heading', { name: 'Trip', level: 1 }).waitFor();
    await page.getByText(/^39 free, 2 held, 0 sold from Colombo Fort to Kandy Goods Shed/).waitFor();
    const manifest = page.getByRole('table', { name: 'Manifest' });
    await manifest.getByText('Kadawatha → Kandy Goods Shed').first().waitFor();
    await expect(manifest.getByText('Ama Perera').count()).resolves.toBe(2);
    await page.getByLabel('From', { exact: true }).selectOption({ label: 'Colombo Fort (07:30)' });
    await page.getByLabel('To', { exact: true }).selectOption({ label: 'Kadawatha (08:20)' });
    await page.getByText(/^41 free, 0 held, 0 sold from Colombo Fort to Kadawatha/).waitFor();
    await look(page, 'office-trip');
    await page.getByRole('button', { name: 'Cancel trip…' }).click();
    await page.getByText(/^Cancelling cancels 1 booking and refunds/).waitFor();
    await page.getByRole('list', { name: 'Refunds' }).getByText('Ama Perera · seats 1A, 1B · unpaid hold').waitFor();
    await look(page, 'office-trip-cancel');
    await page.getByLabel('Reason (customers read it)').fill('Road closed by landslide');
    await page.getByRole('button', { name: /^Cancel trip and refund/ }).click();
    await page.getByText(/^Trip cancelled: 1 booking cancelled/).waitFor();
    const [cancelled] = await app.deps.database.sql<{ status: string; reason: string }[]>`
      select status, cancellation_reason as reason from trips where id = ${tripId}`;
    expect(cancelled).toEqual({ status: 'cancelled', reason: 'Road closed by landslide' });

    // Their bookings, their statements.
    await page.getByRole('link', { name: 'Bookings' }).click();
    await page.getByRole('table', { name: 'Bookings' }).getByText('Ama Perera').waitFor();
    await look(page, 'office-bookings');
    await page.getByRole('link', { name: 'Settlements' }).click();
    await page.getByText(/No statements yet/).waitFor();
    await look(page, 'office-settlements');

    // The owner adds staff by phone; the staff member signed in to Fareway before.
    await insertUser(app, '+94770000615', 'Kamal Staff');
    await page.getByRole('link', { name: 'Overview' }).click();
    await page.getByLabel('Phone or email').fill('077 000 0615');
    await page.getByRole('button', { name: `Add to ${COMPANY}` }).click();
    await page.getByText(/^Added as staff/).waitFor();
    const [member] = await app.deps.database.sql<{ role: string }[]>`
      select m.role from organization_members m join users u on u.id = m.user_id
      where m.organization_id = ${organizationId} and u.phone = '+94770000615'`;
    expect(member?.role).toBe('staff');
    // The people of the company, and the owner removing one.
    const people = page.getByRole('table', { name: 'People' });
    const kamal = people.getByRole('row').filter({ hasText: 'Kamal Staff' });
    await kamal.getByText('Staff', { exact: true }).waitFor();
    await kamal.getByRole('button', { name: 'Remove…' }).click();
    await kamal.getByRole('button', { name: 'Remove', exact: true }).click();
    await kamal.waitFor({ state: 'detached' });
    await people.getByRole('row').filter({ hasText: 'Owner' }).waitFor();
    const [left] = await app.deps.database.sql<{ n: number }[]>`
      select count(*)::int as n from organization_members where organization_id = ${organizationId}`;
    expect(left?.n).toBe(1);

    // The next trip moves along: boarding, then departed, each asked first.
    const [nextTrip] = await app.deps.database.sql<{ id: string }[]>`
      select id from trips where organization_id = ${organizationId} and status = 'scheduled' order by departs_at limit 1`;
    await page.goto(`/admin/office/${organizationId}/trips/${nextTrip?.id}`);
    const status = page.getByRole('region', { name: 'Trip status' });
    await status.getByRole('button', { name: 'Start boarding…' }).click();
    await status.getByRole('button', { name: 'Start boarding', exact: true }).click();
    await status.getByText('Boarding', { exact: true }).waitFor();
    await status.getByRole('button', { name: 'Mark departed…' }).click();
    await status.getByRole('button', { name: 'Mark departed', exact: true }).click();
    await status.getByRole('button', { name: 'Mark completed…' }).waitFor();
    const [moved] = await app.deps.database.sql<{ status: string }[]>`select status from trips where id = ${nextTrip?.id ?? ''}`;
    expect(moved?.status).toBe('departed');

    expect(errors).toEqual([]);
    await owner.close();
  }, 900_000);
});
