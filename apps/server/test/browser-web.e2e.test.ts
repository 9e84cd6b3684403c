import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { demoVehiclesSeeder, ManualClock } from '@fareway/core';
import { createTestDeps, type TestDeps } from '@fareway/core/testing';
import { findFreePort } from '@fareway/db';
import type { FastifyInstance } from 'fastify';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../src/app';

// The customer app as a person uses it: the built SPA, served by the real server
// (CSP and all) on a real port, driven in the system Chromium. Nothing is built
// here: `pnpm build` (or `pnpm test`, which builds first) makes apps/*/dist.
const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
const root = resolve(import.meta.dirname, '../../..');
const builtApps = existsSync(join(root, 'apps/web/dist/index.html')) && existsSync(join(root, 'apps/admin/dist/index.html'));
const PHONE = '+94770000123';
const CODE = '246810';

if (!hasChromium) console.warn(`browser test skipped: ${CHROMIUM} does not exist (install Debian's chromium package to run it)`);

let deps: TestDeps;
let app: FastifyInstance;
let base: string;
let browser: Browser;

/**
 * Console errors and uncaught exceptions: a CSP violation (inline style or script)
 * shows up here. The one expected line is the browser's own note on the signed-out
 * session check (`auth.me` answers 401 until someone signs in).
 */
function watchConsole(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const signedOutCheck = /\/trpc\/auth\.me\b/.test(message.location().url) && message.text().includes('status of 401');
    if (!signedOutCheck) errors.push(`${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
  return errors;
}

describe.skipIf(!hasChromium)('the customer web app in Chromium', () => {
  beforeAll(async () => {
    expect(builtApps, 'the SPAs are not built: run `npx -y pnpm@10 run build` first').toBe(true);
    const port = await findFreePort();
    base = `http://127.0.0.1:${port}`;
    // The server's clock is the real time (held still), so the hold's expiresAt and the browser's countdown agree.
    deps = await createTestDeps({
      jobs: 'sender',
      clock: new ManualClock(new Date()),
      env: { OTP_TEST_NUMBERS: `${PHONE}=${CODE}`, PUBLIC_URL: base },
    });
    await demoVehiclesSeeder.run(deps);
    app = await buildServer(deps, { serveApps: true, rootDir: root });
    await app.listen({ port, host: '127.0.0.1' });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await deps?.cleanup();
  });

  it('signs in by phone, finds a car in Colombo, holds it and shows the booking with a live countdown', async () => {
    const context = await browser.newContext({ locale: 'en-GB', timezoneId: 'Asia/Colombo' });
    const page = await context.newPage();
    const errors = watchConsole(page);

    await page.goto(`${base}/`);
    await page.getByLabel('Mobile number').fill(PHONE);
    await page.getByRole('button', { name: 'Send code' }).click();
    await page.getByLabel('6-digit code').fill(CODE);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Cars' }).click();
    await page.getByLabel('City').fill('Colombo');
    // Pick-up and return default to tomorrow 10:00 for two days.
    await page.getByRole('button', { name: 'Search cars' }).click();
    const results = page.getByRole('region', { name: 'Search results' });
    await results.getByRole('status').filter({ hasText: 'free for those dates' }).waitFor();
    const car = results.getByRole('link', { name: 'Toyota Aqua (2019)' });
    await expect(car.count()).resolves.toBe(1);
    // 2 started days at LKR 9,500.
    await expect(results.getByText('LKR 19,000.00').count()).resolves.toBeGreaterThan(0);
    await car.click();

    await page.getByRole('heading', { name: 'Toyota Aqua (2019)' }).waitFor();
    await page.getByRole('status').filter({ hasText: 'LKR 19,000.00' }).waitFor();
    await page.getByRole('button', { name: 'Hold this car' }).click();

    await page.waitForURL(/\/bookings\/[0-9a-f-]{36}$/);
    const bookingId = page.url().split('/').at(-1) ?? '';
    const countdown = page.getByTestId('hold-countdown');
    await countdown.waitFor();
    await expect(page.getByText('Awaiting payment').count()).resolves.toBe(1);
    const first = (await countdown.locator('strong').textContent()) ?? '';
    expect(first).toMatch(/^[45]:\d\d$/);
    // Live: the clock moves on by itself (waited for as a condition, not a sleep).
    await expect.poll(() => countdown.locator('strong').textContent(), { timeout: 5_000 }).not.toBe(first);
    await page.getByRole('button', { name: /^Pay LKR 19,000\.00$/ }).waitFor();
    await page.getByRole('button', { name: 'Cancel booking' }).waitFor();

    // The page shows what the database holds.
    const [row] = await deps.database.sql<{ status: string; total_minor: number }[]>`
      select status, total_minor::int as total_minor from bookings where id = ${bookingId}`;
    expect(row).toEqual({ status: 'pending', total_minor: 1_900_000 });

    // Reload: the route survives (the server answers the path with index.html) and the hold is still counting.
    await page.reload();
    await page.getByTestId('hold-countdown').waitFor();

    expect(errors).toEqual([]);
    await context.close();
  });

  it('loads the admin console to its sign-in form without console errors', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors = watchConsole(page);
    await page.goto(`${base}/admin/vehicles`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await expect(page.getByLabel('Email').count()).resolves.toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });
});
