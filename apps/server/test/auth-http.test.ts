import { openSecret, queueNotification } from '@fareway/core';
import { createTestDeps, type TestDeps } from '@fareway/core/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../src/app';
import { apiFetch } from './support/openapi-validator';

// Real HTTP on a real port; the clock is injected so limits are crossed without waiting.
const TEST_NUMBER = '+94770000001';
/** Loosely typed JSON (what JSON.parse gives) for reading responses in assertions. */
type Json = ReturnType<typeof JSON.parse>;
let deps: TestDeps;
let app: FastifyInstance;
let base: string;

beforeAll(async () => {
  deps = await createTestDeps({
    jobs: 'sender',
    env: { OTP_TEST_NUMBERS: `${TEST_NUMBER}=123456`, PUBLIC_URL: 'http://fareway.test' },
  });
  app = await buildServer(deps, { serveApps: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(async () => {
  await app.close();
  await deps.cleanup();
});

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await apiFetch(base + path, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Json };
}

describe('phone sign-in over REST', () => {
  it('send-otp → verify-otp → me → logout → me is 401 TOKEN_INVALID', async () => {
    const sent = await call('POST', '/api/v1/auth/send-otp', { phoneNumber: '077 000 0001' });
    expect(sent.status).toBe(200);
    expect(sent.body.data).toEqual({ message: expect.any(String), expiresIn: 300, retryAfter: 60 });

    const verified = await call('POST', '/api/v1/auth/verify-otp', { phoneNumber: TEST_NUMBER, code: '123456' });
    expect(verified.status).toBe(200);
    const { token, user, expiresAt } = verified.body.data;
    expect(user).toMatchObject({ phone: TEST_NUMBER, roles: ['customer'] });
    expect(Date.parse(expiresAt)).toBeGreaterThan(deps.clock.now().getTime());
    // The SPA cookie comes along, HttpOnly and SameSite=Lax.
    expect(verified.headers.get('set-cookie')).toMatch(/fareway_session=[a-z2-7]{32};.*HttpOnly/i);
    expect(verified.headers.get('set-cookie')).toMatch(/SameSite=Lax/i);

    const auth = { authorization: `Bearer ${token}` };
    const me = await call('GET', '/api/v1/auth/me', undefined, auth);
    expect(me.status).toBe(200);
    expect(me.body.data).toMatchObject({ id: user.id, phone: TEST_NUMBER });

    const loggedOut = await call('POST', '/api/v1/auth/logout', {}, auth);
    expect(loggedOut.status).toBe(200);
    const after = await call('GET', '/api/v1/auth/me', undefined, auth);
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('TOKEN_INVALID');
  });

  it('PATCH /auth/me sets the language and email of notices, validated, and notices then speak it', async () => {
    deps.clock.advance(3_600_000);
    await call('POST', '/api/v1/auth/send-otp', { phoneNumber: TEST_NUMBER });
    const { token, user } = (await call('POST', '/api/v1/auth/verify-otp', { phoneNumber: TEST_NUMBER, code: '123456' })).body.data;
    const auth = { authorization: `Bearer ${token}` };
    for (const bad of [{ locale: 'fr' }, { email: 'not-an-address' }, {}]) {
      const refused = await call('PATCH', '/api/v1/auth/me', bad, auth);
      expect(refused.status).toBe(400);
      expect(refused.body.error.code).toBe('VALIDATION_ERROR');
    }
    const changed = await call('PATCH', '/api/v1/auth/me', { locale: 'si', email: 'Kamal@Example.LK' }, auth);
    expect(changed.status).toBe(200);
    expect(changed.body.data).toMatchObject({ id: user.id, locale: 'si', email: 'kamal@example.lk' });
    expect((await call('GET', '/api/v1/auth/me', undefined, auth)).body.data).toMatchObject({ locale: 'si', email: 'kamal@example.lk' });
    await deps.database.sql`insert into users (id, email, roles, status, created_at, updated_at)
      values (gen_random_uuid(), 'taken@example.lk', '{customer}', 'active', now(), now())`;
    const taken = await call('PATCH', '/api/v1/auth/me', { email: 'taken@example.lk' }, auth);
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('EMAIL_IN_USE');
    await deps.db.transaction((tx) =>
      queueNotification(tx, deps, {
        userId: user.id,
        template: 'refund.issued',
        data: { amountMinor: 150_000, currency: 'LKR', bookingId: null, toWallet: true },
      }),
    );
    const queued = await deps.database
      .sql`select channel, recipient, locale, subject from notifications where user_id = ${user.id} order by channel`;
    expect(queued).toEqual([
      { channel: 'email', recipient: 'kamal@example.lk', locale: 'si', subject: 'LKR 1,500.00 ආපසු ගෙවීම නිකුත් කළා' },
      { channel: 'sms', recipient: TEST_NUMBER, locale: 'si', subject: null },
    ]);
  });

  it('answers six wrong codes with OTP_INVALID five times, then OTP_EXPIRED', async () => {
    deps.clock.advance(3_600_000);
    expect((await call('POST', '/api/v1/auth/send-otp', { phoneNumber: TEST_NUMBER })).status).toBe(200);
    const codes: string[] = [];
    for (let i = 0; i < 6; i++)
      codes.push((await call('POST', '/api/v1/auth/verify-otp', { phoneNumber: TEST_NUMBER, code: '000000' })).body.error.code);
    expect(codes).toEqual(['OTP_INVALID', 'OTP_INVALID', 'OTP_INVALID', 'OTP_INVALID', 'OTP_INVALID', 'OTP_EXPIRED']);
    const right = await call('POST', '/api/v1/auth/verify-otp', { phoneNumber: TEST_NUMBER, code: '123456' });
    expect(right.status).toBe(400);
    expect(right.body.error.code).toBe('OTP_EXPIRED');
  });

  it('answers a sixth send within 5 minutes with 429 OTP_RATE_LIMIT and Retry-After', async () => {
    deps.clock.advance(3_600_000);
    const phone = '+94771230001';
    // Five sends at 0, 60, 120, 180 and 240 s (the fastest the 60 s cooldown allows); the sixth at 299 s.
    for (let i = 0; i < 5; i++) {
      expect((await call('POST', '/api/v1/auth/send-otp', { phoneNumber: phone })).status).toBe(200);
      deps.clock.advance(i < 4 ? 60_000 : 59_000);
    }
    const sixth = await call('POST', '/api/v1/auth/send-otp', { phoneNumber: phone });
    expect(sixth.status).toBe(429);
    expect(sixth.body.error.code).toBe('OTP_RATE_LIMIT');
    expect(Number(sixth.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('gives a bad number a clear VALIDATION_ERROR', async () => {
    const res = await call('POST', '/api/v1/auth/send-otp', { phoneNumber: 'call me maybe' });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'VALIDATION_ERROR', details: [{ path: 'phoneNumber' }] });
  });

  it('refuses a missing, malformed or made-up token with 401 TOKEN_INVALID', async () => {
    for (const headers of [
      {} as Record<string, string>,
      { authorization: 'Bearer nonsense' },
      { authorization: `Bearer ${'a'.repeat(32)}` },
      { authorization: 'Basic abc' },
    ]) {
      const res = await call('GET', '/api/v1/auth/me', undefined, headers);
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('TOKEN_INVALID');
    }
  });
});

describe('the SPA cookie', () => {
  async function cookieSession() {
    await deps.database.sql`delete from otp_codes where phone = ${TEST_NUMBER}`;
    await call('POST', '/api/v1/auth/send-otp', { phoneNumber: TEST_NUMBER });
    const res = await apiFetch(`${base}/trpc/auth.verifyOtp`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ phoneNumber: TEST_NUMBER, code: '123456' }),
    });
    const cookie = /fareway_session=([a-z2-7]{32})/.exec(res.headers.get('set-cookie') ?? '')?.[1];
    expect(cookie).toBeDefined();
    return `fareway_session=${cookie}`;
  }

  it('authenticates queries, and mutations only from our own origin (CSRF)', async () => {
    const cookie = await cookieSession();
    const me = await apiFetch(`${base}/trpc/auth.me`, { headers: { cookie } });
    expect(me.status).toBe(200);

    const update = (origin?: string) =>
      apiFetch(`${base}/trpc/auth.updateProfile`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json', ...(origin ? { origin } : {}) },
        body: JSON.stringify({ name: 'Kamal' }),
      });
    const forged = await update('https://evil.example');
    expect(forged.status).toBe(403);
    expect(((await forged.json()) as Json).error.data.appCode).toBe('FORBIDDEN');
    expect((await update()).status).toBe(403);
    const own = await update('http://fareway.test');
    expect(own.status).toBe(200);
    expect(((await own.json()) as Json).result.data.name).toBe('Kamal');
  });

  it('is sent again with the slid expiry when a request renews the session (the rate limiter validates it first)', async () => {
    const cookie = await cookieSession();
    // Ten days left of thirty: past half its life, so the next request slides it forward.
    const tenDays = new Date(deps.clock.now().getTime() + 10 * 86_400_000).toISOString();
    await deps.database
      .sql`update sessions set expires_at = ${tenDays}::timestamptz where user_id = (select id from users where phone = ${TEST_NUMBER})`;
    const me = await apiFetch(`${base}/trpc/auth.me`, { headers: { cookie } });
    expect(me.status).toBe(200);
    const sent = me.headers.get('set-cookie') ?? '';
    expect(sent).toContain(`${cookie};`);
    const expires = Date.parse(/Expires=([^;]+)/i.exec(sent)?.[1] ?? '');
    expect(expires).toBeGreaterThan(deps.clock.now().getTime() + 29 * 86_400_000);
  });

  it('is cleared by logout', async () => {
    const cookie = await cookieSession();
    const res = await apiFetch(`${base}/trpc/auth.logout`, {
      method: 'POST',
      headers: { cookie, origin: 'http://fareway.test', 'content-type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toMatch(/fareway_session=;.*(Max-Age=0|Expires=Thu, 01 Jan 1970)/i);
    expect((await apiFetch(`${base}/trpc/auth.me`, { headers: { cookie } })).status).toBe(401);
  });
});

describe('password sign-in over REST', () => {
  it('signs an admin in and answers a wrong password like an unknown email', async () => {
    const { ensureAdmin } = await import('@fareway/core');
    await ensureAdmin(deps, { email: 'root@example.com', password: 'a long admin password' });
    const ok = await call('POST', '/api/v1/auth/login', { email: 'ROOT@example.com', password: 'a long admin password' });
    expect(ok.status).toBe(200);
    expect(ok.body.data.user.roles).toContain('admin');
    const wrong = await call('POST', '/api/v1/auth/login', { email: 'root@example.com', password: 'nope' });
    const unknown = await call('POST', '/api/v1/auth/login', { email: 'ghost@example.com', password: 'nope' });
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    expect(wrong.body.error.code).toBe('INVALID_CREDENTIALS');
    expect(wrong.body.error.message).toBe(unknown.body.error.message);
  });
});

describe('secrets at rest', () => {
  it('keeps SMS bodies sealed until delivery', async () => {
    await call('POST', '/api/v1/auth/send-otp', { phoneNumber: '+94771239999' });
    const [row] = await deps.database.sql<Array<{ body: string }>>`select body from notifications where recipient = '+94771239999'`;
    expect(row?.body.startsWith('sealed:v1:')).toBe(true);
    expect(openSecret(deps.config.auth.secret, row?.body ?? '')).toMatch(/Your Fareway code is \d{6}/);
  });
});
