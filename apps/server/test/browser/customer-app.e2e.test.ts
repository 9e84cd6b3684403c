import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserApp, browserTestsOff, checkPage, DESKTOP, newTravellerContext, startBrowserApp, watchConsole } from './support';

// The customer app as a traveller uses it, on a phone, with the browser in New
// York and the cars in Colombo: every time shown is the car's wall clock, named.
const PHONE_NUMBER = '+94770000123';
const CODE = '246810';
const COLOMBO_10 = '10:00 (Asia/Colombo)';

let app: BrowserApp;

describe.skipIf(browserTestsOff)('the customer web app in Chromium', () => {
  beforeAll(async () => {
    app = await startBrowserApp({ OTP_TEST_NUMBERS: `${PHONE_NUMBER}=${CODE}` });
  }, 600_000);

  afterAll(async () => {
    await app?.close();
  });

  it('rents a car at 10:00 Colombo time and sees 10:00 (Asia/Colombo) everywhere, pays in the sandbox and finds it in My bookings', async () => {
    const context = await newTravellerContext(app);
    const page = await context.newPage();
    const errors = watchConsole(page);

    await page.goto('/');
    await page.getByRole('heading', { name: 'Book a car or a seat' }).waitFor();
    // The public home page shows no internal status (versions, migrations, worker).
    await expect(page.getByText(/migrations|worker/i).count()).resolves.toBe(0);
    await checkPage(page, 'home');

    await page.getByLabel('Mobile number').fill(PHONE_NUMBER);
    await page.getByRole('button', { name: 'Send code' }).click();
    await page.getByLabel('6-digit code').fill(CODE);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();

    // On a phone the navigation sits behind the Menu button.
    const menu = page.getByRole('button', { name: 'Menu' });
    await menu.click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Cars' }).click();
    await expect(menu.getAttribute('aria-expanded')).resolves.toBe('false');

    // The search is typed on Colombo's clock; pick-up and return default to tomorrow 10:00 for two days.
    await expect(page.getByLabel(/^Pick-up/).inputValue()).resolves.toMatch(/T10:00$/);
    await page.getByLabel('City').fill('Colombo');
    const started = Date.now();
    await page.getByRole('button', { name: 'Search cars' }).click();
    const results = page.getByRole('region', { name: 'Search results' });
    await results.getByRole('status').filter({ hasText: 'free for those dates' }).waitFor();
    console.info(`search results interactive after ${Date.now() - started} ms`);
    await expect(results.getByText('LKR 19,000.00').count()).resolves.toBeGreaterThan(0);
    await checkPage(page, 'car-search');
    await results.getByRole('link', { name: 'Toyota Aqua (2019)', exact: true }).click();

    // The vehicle page: the quote's range on the car's clock.
    await page.getByRole('heading', { name: 'Toyota Aqua (2019)' }).waitFor();
    const quote = page.getByRole('status').filter({ hasText: 'LKR 19,000.00' });
    await quote.waitFor();
    await expect(quote.textContent()).resolves.toContain(COLOMBO_10);
    await checkPage(page, 'vehicle');
    await page.getByRole('button', { name: 'Hold this car' }).click();

    // The booking page: pick-up at 10:00 Colombo, a live countdown.
    await page.waitForURL(/\/bookings\/[0-9a-f-]{36}$/);
    const bookingId = page.url().split('/').at(-1) ?? '';
    await page.getByTestId('hold-countdown').waitFor();
    await expect(page.getByTestId('booking-start').textContent()).resolves.toContain(COLOMBO_10);
    const [row] = await app.deps.database.sql<{ status: string; total_minor: number; local: string }[]>`
      select status, total_minor::int as total_minor, to_char(starts_at at time zone 'Asia/Colombo', 'HH24:MI') as local
      from bookings where id = ${bookingId}`;
    expect(row).toEqual({ status: 'pending', total_minor: 1_900_000, local: '10:00' });
    await checkPage(page, 'booking-held');

    // Pay in the sandbox: the gateway sends the browser back to this booking.
    await page.getByRole('button', { name: /^Pay LKR 19,000\.00$/ }).click();
    await page.getByRole('heading', { name: 'Sandbox gateway' }).waitFor();
    await page.getByRole('button', { name: 'Approve' }).click();
    await page.waitForURL(new RegExp(`/bookings/${bookingId}$`));
    await page.getByText('Confirmed', { exact: true }).first().waitFor({ timeout: 60_000 });

    // My bookings agrees with the booking page.
    await page.goto('/bookings');
    const when = page.getByTestId('booking-when').first();
    await when.waitFor();
    await expect(when.textContent()).resolves.toContain(COLOMBO_10);
    await checkPage(page, 'my-bookings');

    // Reload keeps the route (the server answers the path with index.html).
    await page.setViewportSize(DESKTOP);
    await page.goto(`/bookings/${bookingId}`);
    await page.getByTestId('booking-start').waitFor();

    expect(errors).toEqual([]);
    await context.close();
  }, 600_000);

  it('keeps searches in the URL: a shared link opens the same view, a bad value is dropped', async () => {
    const context = await newTravellerContext(app);
    const page = await context.newPage();
    const errors = watchConsole(page);
    await page.goto('/bus?origin=Colombo&destination=Kandy&date=2026-02-30');
    await expect(page.getByLabel('From').inputValue()).resolves.toBe('Colombo');
    await expect(page.getByLabel('To', { exact: true }).inputValue()).resolves.toBe('Kandy');
    // The impossible date was dropped: the form offers today (in Colombo) instead of an error page.
    await expect(page.getByLabel('Date').inputValue()).resolves.toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await checkPage(page, 'bus-search');
    await page.goto('/no/such/page');
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();
    await checkPage(page, 'not-found');
    expect(errors).toEqual([]);
    await context.close();
  }, 600_000);
});
