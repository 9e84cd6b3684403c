import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserApp, browserTestsOff, checkCustomerPage, newTravellerContext, startBrowserApp, watchConsole } from './support';

// The journey of the customer app once in Sinhala (issue 13), on a 360 px phone
// with the browser in New York and the cars in Colombo: the language is chosen
// in the header, remembered on the profile, and no page falls back to English.
const PHONE_NUMBER = '+94770000456';
const CODE = '135790';
// The first demo driver (DEMO_DRIVERS), who has approved cars in Colombo.
const DRIVER_PHONE = '+94770009001';
// Sinhala writes 10.00 where ICU has Sinhala; Chromium's ICU has none, so its dates are in digits (10:00).
const COLOMBO_10 = /10[.:]00 \(Asia\/Colombo\)/;

/**
 * The main English labels of the app: none may be left on a page shown in
 * Sinhala. (Data stays as it is: car names, LKR, zones, the sandbox gateway.)
 */
const ENGLISH_LABELS =
  /\b(Menu|Cars|Bus|My bookings|Wallet|Drive|Sign (in|out)|Search|Hold|Pay|Cancel(led)?|Confirmed|Awaiting payment|Refund(ed)?|Details|Total|Price|Seats|Booked|Pick-up|Return|Loading|Try again|Language|Mon|Tue|Wed|Thu|Fri|Sat|Sun|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b/;

/**
 * Which of the English labels the page still has in its text, shown or folded
 * away (the closed phone menu too); the language picker names each language in
 * itself, so its options are left out.
 */
async function englishLeftovers(page: Page): Promise<string[]> {
  const text = await page.evaluate<string>(`(() => {
    const parts = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.parentElement?.closest('option, script, style')) parts.push(node.textContent);
    }
    return parts.join(' ');
  })()`);
  return [...text.matchAll(new RegExp(ENGLISH_LABELS, 'g'))].map((match) => match[0]);
}

/** The page is in Sinhala with no English label left; `check` also runs the layout, axe and screenshot checks (costly: a few pages only). */
async function expectSinhala(page: Page, name: string, check = false): Promise<void> {
  await expect(page.evaluate<string>('document.documentElement.lang')).resolves.toBe('si');
  await expect(englishLeftovers(page), `English left on ${name}`).resolves.toEqual([]);
  if (check) await checkCustomerPage(page, `si-${name}`);
}

let app: BrowserApp;

describe.skipIf(browserTestsOff)('the customer web app in Sinhala', () => {
  beforeAll(async () => {
    app = await startBrowserApp({ OTP_TEST_NUMBERS: `${PHONE_NUMBER}=${CODE},${DRIVER_PHONE}=${CODE}` });
  }, 600_000);

  afterAll(async () => {
    await app?.close();
  });

  it('switches to Sinhala, signs in, holds a car, pays in the sandbox and cancels, all in Sinhala; the choice is saved on the profile', async () => {
    const context = await newTravellerContext(app);
    const page = await context.newPage();
    const errors = watchConsole(page);

    // Signed out: the picker is in the phone menu; the choice is kept in this browser.
    await page.goto('/');
    await page.getByRole('heading', { name: 'Book a car or a seat' }).waitFor();
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByLabel('Language').selectOption('si');
    await page.getByRole('heading', { name: 'මෝටර් රථයක් හෝ ආසනයක් වෙන් කරන්න' }).waitFor();
    await page.getByRole('button', { name: 'මෙනුව' }).click();
    await expectSinhala(page, 'home', true);

    await page.getByLabel('ජංගම දුරකථන අංකය').fill(PHONE_NUMBER);
    await page.getByRole('button', { name: 'කේතය යවන්න' }).click();
    await page.getByLabel('ඉලක්කම් 6ක කේතය').fill(CODE);
    await page.getByRole('button', { name: 'පුරනය වන්න', exact: true }).click();

    // Signing in with a profile that has no language yet saves the one chosen here.
    const menu = page.getByRole('button', { name: 'මෙනුව' });
    await menu.click();
    await page.getByRole('button', { name: 'ඉවත් වන්න' }).waitFor();
    const savedLocale = async () => {
      const [user] = await app.deps.database.sql<{ locale: string | null }[]>`select locale from users where phone = ${PHONE_NUMBER}`;
      return user?.locale ?? null;
    };
    await expect.poll(savedLocale, { timeout: 10_000 }).toBe('si');

    await page.getByRole('navigation', { name: 'ප්‍රධාන' }).getByRole('link', { name: 'මෝටර් රථ' }).click();
    await page.getByRole('heading', { name: 'රථයක් කුලියට ගන්න' }).waitFor();
    await page.getByLabel('නගරය').fill('Colombo');
    await page.getByRole('button', { name: 'රථ සොයන්න' }).click();
    const results = page.getByRole('region', { name: 'සෙවුම් ප්‍රතිඵල' });
    await results.getByRole('status').filter({ hasText: 'නිදහස්' }).waitFor();
    await expect(results.getByText('LKR 19,000.00').count()).resolves.toBeGreaterThan(0);
    await expectSinhala(page, 'car-search');
    await results.getByRole('link', { name: 'Toyota Aqua (2019)', exact: true }).click();

    // The vehicle page: the quote on the car's clock, in Sinhala's date format.
    await page.getByRole('heading', { name: 'Toyota Aqua (2019)' }).waitFor();
    const quote = page.getByRole('status').filter({ hasText: 'LKR 19,000.00' });
    await quote.waitFor();
    await expect(quote.textContent()).resolves.toMatch(COLOMBO_10);
    await expect(quote.textContent()).resolves.toContain('දින 2ක් සඳහා');
    await expectSinhala(page, 'vehicle', true);
    await page.getByRole('button', { name: 'මෙම රථය රඳවා ගන්න' }).click();

    await page.waitForURL(/\/bookings\/[0-9a-f-]{36}$/);
    const bookingId = page.url().split('/').at(-1) ?? '';
    await page.getByTestId('hold-countdown').waitFor();
    await expect(page.getByTestId('hold-countdown').textContent()).resolves.toContain('ඔබ වෙනුවෙන් රඳවා ඇති කාලය');
    await expect(page.getByTestId('booking-start').textContent()).resolves.toMatch(COLOMBO_10);
    await page.getByText('ගෙවීම සඳහා රැඳී ඇත', { exact: true }).first().waitFor();
    await expectSinhala(page, 'booking-held');

    // Pay in the sandbox (the gateway's own page is not ours); back on the booking, in Sinhala.
    await page.getByRole('button', { name: 'LKR 19,000.00 ගෙවන්න' }).click();
    await page.getByRole('heading', { name: 'Sandbox gateway' }).waitFor();
    await page.getByRole('button', { name: 'Approve' }).click();
    await page.waitForURL(new RegExp(`/bookings/${bookingId}$`));
    await page.getByText('තහවුරුයි', { exact: true }).first().waitFor({ timeout: 60_000 });
    await expectSinhala(page, 'booking-paid');

    // Cancel: the refund is previewed in Sinhala before confirming, then its state follows.
    await page.getByRole('button', { name: 'වෙන්කිරීම අවලංගු කරන්න' }).click();
    await expect(page.getByTestId('refund-preview').textContent()).resolves.toMatch(/LKR\s19,000\.00.*ආපසු ලැබේ/);
    await page.getByRole('button', { name: 'ඔව්, වෙන්කිරීම අවලංගු කරන්න' }).click();
    await page.getByText('අවලංගුයි', { exact: true }).first().waitFor();
    await page.getByTestId('refund').first().filter({ hasText: 'ආපසු ගෙවා ඇත' }).waitFor({ timeout: 60_000 });
    await expectSinhala(page, 'booking-cancelled', true);

    await page.goto('/bookings');
    await page.getByTestId('booking-when').first().waitFor();
    await expectSinhala(page, 'my-bookings');
    await page.goto('/wallet');
    await page.getByTestId('wallet-balance').waitFor();
    await expectSinhala(page, 'wallet');

    // The choice survives a reload, and comes back from the profile on a browser that never chose it.
    await page.reload();
    await page.getByRole('heading', { name: 'පසුම්බිය' }).waitFor();
    const fresh = await newTravellerContext(app);
    await fresh.addCookies(await context.cookies());
    const other = await fresh.newPage();
    const otherErrors = watchConsole(other);
    await other.goto('/bookings');
    await other.getByRole('heading', { name: 'මගේ වෙන්කිරීම්' }).waitFor();
    await expect(other.evaluate<string | null>(`localStorage.getItem('fareway.language')`)).resolves.toBe('si');

    expect(errors).toEqual([]);
    expect(otherErrors).toEqual([]);
    await fresh.close();
    await context.close();
  }, 600_000);

  it('a demo driver manages a car in Sinhala: cars, the vehicle form with its pickers and field errors, rentals', async () => {
    const context = await newTravellerContext(app);
    // A browser that chose Sinhala before (the language is kept in this browser until signed in).
    await context.addInitScript("localStorage.setItem('fareway.language', 'si')");
    const page = await context.newPage();
    const errors = watchConsole(page);
    await page.goto('/driver');
    await page.getByLabel('ජංගම දුරකථන අංකය').fill(DRIVER_PHONE);
    await page.getByRole('button', { name: 'කේතය යවන්න' }).click();
    await page.getByLabel('ඉලක්කම් 6ක කේතය').fill(CODE);
    await page.getByRole('button', { name: 'පුරනය වන්න', exact: true }).click();

    await page.getByRole('heading', { name: 'මගේ රථ' }).waitFor();
    await page.getByRole('link', { name: 'Toyota Aqua (2019)' }).waitFor();
    await expectSinhala(page, 'driver-cars');
    await page.getByRole('link', { name: 'Toyota Aqua (2019)' }).click();

    // The vehicle form: time zone and currency are pickers; a value the server refuses is explained next to its field.
    const year = page.getByLabel('වර්ෂය', { exact: true });
    await year.waitFor();
    // A select's role is combobox (a text box would be textbox).
    await page.getByRole('combobox', { name: 'වේලා කලාපය' }).waitFor();
    await page.getByRole('combobox', { name: 'මුදල් ඒකකය' }).waitFor();
    await year.fill('1800');
    await page.getByRole('button', { name: 'වෙනස්කම් සුරකින්න' }).click();
    await page.getByText('නිෂ්පාදන වර්ෂය පූර්ණ සංඛ්‍යාවක් ලෙස ඇතුළත් කරන්න, උදා. 2019').waitFor();
    await expect(year.getAttribute('aria-invalid')).resolves.toBe('true');
    await expectSinhala(page, 'driver-vehicle', true);

    await page.goto('/driver/bookings');
    await page.getByRole('heading', { name: 'මගේ රථවල කුලී' }).waitFor();
    await page
      .getByText(/කුලී තවම නැත|කවදා/)
      .first()
      .waitFor();
    await expectSinhala(page, 'driver-rentals');
    expect(errors.filter((e) => !/status of 400.*vehicles\.update/.test(e))).toEqual([]);
    await context.close();
  }, 600_000);
});
