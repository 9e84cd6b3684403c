import { DEMO_ADMIN } from '@fareway/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserApp, browserTestsOff, checkPage, DESKTOP, startBrowserApp, watchConsole } from './support';

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
});
