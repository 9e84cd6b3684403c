import { issueSession } from '@fareway/core';
import { createTestDeps, type TestDeps } from '@fareway/core/testing';
import { newId } from '@fareway/db';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../src/app';

// The general per-client limit (issue 15 item 3) with the default budgets; the
// injected clock stands still, so one window lasts the whole file unless a test moves it.
type Json = ReturnType<typeof JSON.parse>;
let deps: TestDeps;
let app: FastifyInstance;
let base: string;

beforeAll(async () => {
  deps = await createTestDeps({ env: { PUBLIC_URL: 'http://fareway.test' } });
  app = await buildServer(deps, { serveApps: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(async () => {
  await app.close();
  await deps.cleanup();
});

let phones = 0;
async function signedIn(): Promise<string> {
  const id = newId();
  const now = deps.clock.now().toISOString();
  await deps.database.sql`insert into users (id, phone, roles, status, created_at, updated_at)
    values (${id}, ${`+9477666${String(1000 + ++phones)}`}, '{customer}', 'active', ${now}::timestamptz, ${now}::timestamptz)`;
  return (await issueSession(deps.db, id, deps.clock.now(), 30, { ip: null, requestId: null })).token;
}

/** `total` requests from 8 concurrent loops; the status counts and the first refusal. */
async function burst(total: number, request: (i: number) => Promise<Response>) {
  const statuses = new Map<number, number>();
  let refusal: { headers: Headers; body: Json } | undefined;
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < total) {
        const res = await request(next++);
        const body = (await res.json()) as Json;
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        if (res.status === 429 && !refusal) refusal = { headers: res.headers, body };
      }
    }),
  );
  return { ok: statuses.get(200) ?? 0, limited: statuses.get(429) ?? 0, statuses, refusal };
}

describe('the general rate limit', () => {
  it('lets 600 of 720 GET /auth/me through for one user and refuses the rest with 429 RATE_LIMITED and RateLimit-* headers', async () => {
    const token = await signedIn();
    const me = () => fetch(`${base}/api/v1/auth/me`, { headers: { authorization: `Bearer ${token}` } });
    const first = await me();
    await first.arrayBuffer();
    expect(first.headers.get('ratelimit-limit')).toBe('600');
    expect(first.headers.get('ratelimit-remaining')).toBe('599');
    expect(first.headers.get('ratelimit-policy')).toBe('600;w=60');
    const result = await burst(719, me);
    expect(result.ok + 1).toBe(600);
    expect(result.limited).toBe(120);
    expect(result.refusal?.body.error.code).toBe('RATE_LIMITED');
    const reset = Number(result.refusal?.headers.get('ratelimit-reset'));
    expect(reset).toBeGreaterThanOrEqual(1);
    expect(reset).toBeLessThanOrEqual(60);
    expect(result.refusal?.headers.get('retry-after')).toBe(String(reset));
    expect(result.refusal?.headers.get('ratelimit-remaining')).toBe('0');

    // Per user: another user on the same address, and anonymous callers, have their own budgets.
    const other = await signedIn();
    expect((await fetch(`${base}/api/v1/auth/me`, { headers: { authorization: `Bearer ${other}` } })).status).toBe(200);
    const anonymous = await fetch(`${base}/api/v1/vehicles`);
    expect(anonymous.status).toBe(200);
    expect(anonymous.headers.get('ratelimit-remaining')).toBe('599');
    // tRPC shares the user's budget.
    expect((await fetch(`${base}/trpc/auth.me`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(429);

    // The next window starts afresh.
    deps.clock.advance(60_000);
    expect((await me()).status).toBe(200);
  });

  it('counts anonymous callers per IP, sign-in on its own stricter budget', async () => {
    const login = () =>
      fetch(`${base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        // Malformed, so login's own lockout (also 429) never counts it: only the limiter refuses.
        body: JSON.stringify({ email: 'not an email', password: '' }),
      });
    const limit = deps.config.rateLimit.authPerMinute;
    const result = await burst(limit + 5, login);
    expect(result.limited).toBe(5);
    expect(result.statuses.get(400)).toBe(limit);
    expect(result.refusal?.headers.get('ratelimit-policy')).toBe(`${limit};w=60`);
    // The general budget of the same address is untouched by sign-in attempts.
    const list = await fetch(`${base}/api/v1/vehicles`);
    expect(list.status).toBe(200);
  });

  it('gives payments their own stricter budget per user, on REST and tRPC alike', async () => {
    const token = await signedIn();
    const limit = deps.config.rateLimit.paymentsPerMinute;
    const initiate = (i: number) =>
      fetch(i % 2 === 0 ? `${base}/api/v1/payments/initiate` : `${base}/trpc/payments.initiate`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, origin: 'http://fareway.test' },
        body: JSON.stringify({ bookingId: newId(), provider: 'sandbox' }),
      });
    const result = await burst(limit + 10, initiate);
    expect(result.limited).toBe(10);
    expect(result.statuses.get(404)).toBe(limit); // the bookings do not exist: answered, and counted
    // Reading stays on the general budget.
    expect((await fetch(`${base}/api/v1/auth/me`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
  });
});
