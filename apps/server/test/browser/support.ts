import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { ManualClock, seedDemo } from '@fareway/core';
import { createTestDeps, type TestDeps } from '@fareway/core/testing';
import { findFreePort } from '@fareway/db';
import { type RunningWorker, startWorker } from '@fareway/worker';
import type { FastifyInstance } from 'fastify';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { buildServer } from '../../src/app';

/**
 * The browser tests' toolbox: the built SPAs served by the real server (CSP
 * and all) on a real port over a fresh database with the demo data and a
 * worker, driven in Debian's Chromium through playwright-core.
 *
 * They never skip themselves: a missing Chromium or a failed launch fails the
 * run (under CI=true and locally alike). Set FAREWAY_BROWSER_TESTS=off to opt
 * out on a machine without Chromium; CI=true ignores the opt-out.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const browserTestsOff = process.env.FAREWAY_BROWSER_TESTS === 'off' && process.env.CI !== 'true';
if (browserTestsOff) console.warn('browser tests switched off by FAREWAY_BROWSER_TESTS=off');

export const root = resolve(import.meta.dirname, '../../../..');
export const SCREENSHOTS = join(root, 'test-results/screenshots');

/** The two widths every page is checked at: a small phone and a laptop. */
export const PHONE = { width: 360, height: 740 } as const;
export const DESKTOP = { width: 1280, height: 800 } as const;
/** A tablet held upright: the consoles' middle width. */
export const TABLET = { width: 768, height: 1024 } as const;

export interface BrowserApp {
  deps: TestDeps;
  base: string;
  browser: Browser;
  close(): Promise<void>;
}

/**
 * Starts database, demo data, worker and server, and launches Chromium; throws (fails the suite) when anything is missing.
 * `apps: false` is the bare server (API, /api/docs), without the built SPAs, demo data or a worker.
 */
export async function startBrowserApp(env: Record<string, string> = {}, options: { apps?: boolean } = {}): Promise<BrowserApp> {
  const apps = options.apps !== false;
  const built = existsSync(join(root, 'apps/web/dist/index.html')) && existsSync(join(root, 'apps/admin/dist/index.html'));
  if (apps && !built) throw new Error('the SPAs are not built: run `npx -y pnpm@10 run build` first (pnpm test builds before it tests)');
  if (!existsSync(CHROMIUM))
    throw new Error(
      `${CHROMIUM} does not exist: install Debian's chromium (apt-get install -y chromium), or set FAREWAY_BROWSER_TESTS=off`,
    );
  mkdirSync(SCREENSHOTS, { recursive: true });

  const port = await findFreePort();
  const base = `http://127.0.0.1:${port}`;
  // The server's clock is the real time (held still), so holds' expiresAt and the browser's countdown agree.
  const deps = await createTestDeps({ jobs: 'worker', clock: new ManualClock(new Date()), env: { PUBLIC_URL: base, ...env } });
  let worker: RunningWorker | undefined;
  let app: FastifyInstance | undefined;
  let browser: Browser | undefined;
  try {
    if (apps) {
      await seedDemo(deps);
      worker = await startWorker(deps, { pollingIntervalSeconds: 0.5, heartbeatMs: 60_000 });
    }
    app = await buildServer(deps, { serveApps: apps, rootDir: root });
    await app.listen({ port, host: '127.0.0.1' });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  } catch (error) {
    await browser?.close();
    await app?.close();
    await worker?.stop();
    await deps.cleanup();
    throw error;
  }
  const running = { app, worker, browser };
  return {
    deps,
    base,
    browser,
    async close() {
      await running.browser.close();
      await running.app.close();
      await running.worker?.stop();
      await deps.cleanup();
    },
  };
}

/** A browser context as the traveller has it: the browser in New York, the data in Colombo. */
export function newTravellerContext(app: BrowserApp, options: { locale?: string } = {}): Promise<BrowserContext> {
  return app.browser.newContext({
    baseURL: app.base,
    locale: options.locale ?? 'en-US',
    timezoneId: 'America/New_York',
    viewport: PHONE,
  });
}

/**
 * Console errors and uncaught exceptions of a page (a CSP violation shows up
 * here). The one expected line is the browser's note on the signed-out
 * session check (`auth.me` answers 401 until someone signs in).
 */
export function watchConsole(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const signedOutCheck = /\/trpc\/auth\.me\b/.test(message.location().url) && message.text().includes('status of 401');
    if (!signedOutCheck) errors.push(`${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
  return errors;
}

/** The smallest height of a touch target on a phone (WCAG 2.5.5's 44 CSS px). */
export const TOUCH_TARGET_PX = 44;

/**
 * Every touch target shown on the page that is less than TOUCH_TARGET_PX tall, named ("button.fw-button
 * "Send code" is 36 px tall"): buttons, link-buttons, inputs (a checkbox or radio by its label), selects,
 * text areas, nav items and back links. Inline text links inside sentences are exempt (WCAG 2.5.8), and
 * so are visually hidden elements (1 px, for screen readers). Runs in the page (a string: no DOM types here).
 */
export function touchTargetsTooSmall(page: Page): Promise<string[]> {
  return page.evaluate<string[]>(`(() => {
    const MIN = ${TOUCH_TARGET_PX};
    const selector = 'button, select, textarea, input:not([type=hidden]), a.fw-button, nav a, a.fw-back, summary, [role=button]';
    const describe = (el) => {
      const text = (el.getAttribute('aria-label') || el.textContent || el.getAttribute('name') || '').trim().replace(/\\s+/g, ' ').slice(0, 40);
      const type = el.getAttribute('type');
      const classes = typeof el.className === 'string' && el.className.trim() ? '.' + el.className.trim().split(/\\s+/).join('.') : '';
      return el.tagName.toLowerCase() + (type ? '[type=' + type + ']' : '') + classes + ' "' + text + '"';
    };
    const seen = new Set();
    const small = [];
    for (const el of document.querySelectorAll(selector)) {
      let box = el;
      if (el.matches('input[type=checkbox], input[type=radio]')) {
        box = el.closest('label') || (el.id ? document.querySelector('label[for="' + el.id + '"]') : null) || el;
      }
      if (seen.has(box)) continue;
      seen.add(box);
      const style = getComputedStyle(box);
      const rect = box.getBoundingClientRect();
      // Not shown (a closed menu, display: none), or visually hidden for screen readers only.
      if (style.visibility === 'hidden' || rect.width <= 1 || rect.height <= 1) continue;
      if (rect.height < MIN - 0.5) small.push(describe(el) + ' is ' + Math.round(rect.height * 10) / 10 + ' px tall');
    }
    return small;
  })()`);
}

/**
 * Looks at the page as it is now at both widths: no horizontal overflow, no
 * serious or critical axe-core violation, and a full-page screenshot in
 * test-results/screenshots/<name>-<width>.png. Leaves the page at `leaveAt`.
 * `viewports` defaults to the phone and the laptop. With `touchTargets`, at the
 * phone's width every touch target must be at least TOUCH_TARGET_PX tall too.
 */
export async function checkPage(
  page: Page,
  name: string,
  leaveAt: { width: number; height: number } = PHONE,
  viewports: ReadonlyArray<{ width: number; height: number }> = [PHONE, DESKTOP],
  options: { touchTargets?: boolean } = {},
): Promise<void> {
  for (const viewport of viewports) {
    await page.setViewportSize(viewport);
    // Two frames: the layout for the new width has been computed and painted. (Strings: this package has no DOM types.)
    await page.evaluate('new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))');
    const width = await page.evaluate<{ scroll: number; inner: number }>(
      '({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth })',
    );
    await page.screenshot({ path: join(SCREENSHOTS, `${name}-${viewport.width}.png`), fullPage: true });
    expect(width.scroll, `${name} at ${viewport.width} px is ${width.scroll} px wide`).toBeLessThanOrEqual(width.inner);
    if (options.touchTargets && viewport.width === PHONE.width) {
      expect(await touchTargetsTooSmall(page), `touch targets under ${TOUCH_TARGET_PX} px on ${name} at ${viewport.width} px`).toEqual([]);
    }
    const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    const serious = axe.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map(
        (v) =>
          `${v.id} (${v.impact}): ${v.help} at ${v.nodes
            .map((n) => n.target.join(' '))
            .slice(0, 3)
            .join(' | ')}`,
      );
    expect(serious, `axe-core on ${name} at ${viewport.width} px`).toEqual([]);
  }
  await page.setViewportSize(leaveAt);
}

/** `checkPage` for the customer app: on a phone every touch target is at least TOUCH_TARGET_PX tall too. */
export function checkCustomerPage(page: Page, name: string, leaveAt: { width: number; height: number } = PHONE): Promise<void> {
  return checkPage(page, name, leaveAt, [PHONE, DESKTOP], { touchTargets: true });
}
