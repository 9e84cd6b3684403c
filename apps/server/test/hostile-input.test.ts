import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { issueSession } from '@fareway/core';
import { createTestDeps, type TestDeps } from '@fareway/core/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../src/app';
import { DRAIN_LIMIT_BYTES } from '../src/drain-body';
import { insertUser } from './support/payments-harness';

const run = promisify(execFile);

/** The requests of issue 15 that answered 500 or left the envelope, one by one (the fuzz test covers the rest). */
let deps: TestDeps;
let app: FastifyInstance;
let base: string;
let customer: string;

beforeAll(async () => {
  deps = await createTestDeps();
  app = await buildServer(deps, { serveApps: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const userId = await insertUser(deps);
  customer = (await issueSession(deps.db, userId, deps.clock.now(), 30, { ip: null, requestId: null })).token;
});

afterAll(async () => {
  await app.close();
  await deps.cleanup();
});

// biome-ignore lint/suspicious/noExplicitAny: responses are read loosely
type Json = any;

async function call(method: string, url: string, options: { body?: unknown; token?: string; raw?: string } = {}) {
  const res = await app.inject({
    method: method as 'GET',
    url,
    headers: {
      ...(options.body !== undefined || options.raw !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    },
    ...(options.raw !== undefined ? { payload: options.raw } : options.body !== undefined ? { payload: JSON.stringify(options.body) } : {}),
  });
  return { status: res.statusCode, body: res.json() as Json, requestId: res.headers['x-request-id'] };
}

describe('query keys named like object properties', () => {
  it.each([
    ['/api/v1/vehicles?toString=x', undefined, 200],
    ['/api/v1/vehicles?constructor=1&__proto__=x&__proto__=y&hasOwnProperty=z', undefined, 200],
    ['/api/v1/trips?valueOf=1&toString=a&toString=b', undefined, 200],
    ['/api/v1/wallet?constructor=1', undefined, 401],
    ['/api/v1/wallet?constructor=1&toString=x', 'customer', 200],
    ['/api/v1/bookings?toString=x&status=pending', 'customer', 200],
  ] as const)('GET %s (%s) answers %i', async (url, who, status) => {
    const res = await call('GET', url, who ? { token: customer } : {});
    expect(res.status).toBe(status);
    expect(res.body.success).toBe(status === 200);
  });
});

describe('NUL characters and lone surrogates', () => {
  it('refuses a NUL in a JSON body with VALIDATION_ERROR and its path (REST)', async () => {
    const res = await call('POST', '/api/v1/auth/login', { body: { email: 'a\u0000b@x.io', password: 'x' } });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'VALIDATION_ERROR', details: [{ path: 'email' }] });
  });

  it('refuses a NUL in a query string and in a path', async () => {
    const query = await call('GET', '/api/v1/vehicles?location=Col%00ombo');
    expect(query.status).toBe(400);
    expect(query.body.error).toMatchObject({ code: 'VALIDATION_ERROR', details: [{ path: 'location' }] });
    const path = await call('GET', '/api/v1/bookings/%00', { token: customer });
    expect(path.status).toBe(400);
    expect(path.body.error.code).toBe('VALIDATION_ERROR');
  });

  it('refuses a lone surrogate in a nested body string and in a key', async () => {
    const res = await call('PATCH', '/api/v1/auth/me', { token: customer, raw: '{"name":"x\\ud800y"}' });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'VALIDATION_ERROR', details: [{ path: 'name' }] });
    const key = await call('PATCH', '/api/v1/auth/me', { token: customer, raw: '{"name":"ok","a\\udc00":1}' });
    expect(key.status).toBe(400);
  });

  it('refuses them on tRPC too, with the same code and HTTP status', async () => {
    const mutation = await app.inject({
      method: 'POST',
      url: '/trpc/auth.login',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ email: 'a\u0000b@x.io', password: 'x' }),
    });
    expect(mutation.statusCode).toBe(400);
    expect(mutation.json()).toMatchObject({ error: { data: { appCode: 'VALIDATION_ERROR', details: [{ path: 'email' }] } } });
    const query = await app.inject(`/trpc/vehicles.search?input=${encodeURIComponent('{"location":"x\\ud800"}')}`);
    expect(query.statusCode).toBe(400);
    expect(query.json()).toMatchObject({ error: { data: { appCode: 'VALIDATION_ERROR', details: [{ path: 'location' }] } } });
  });
});

describe('dates, pages and numbers out of range', () => {
  it.each([
    '/api/v1/vehicles?startDate=0000-01-01T00:00:00Z&endDate=2026-01-02T00:00:00Z',
    '/api/v1/vehicles?startDate=2026-01-01T00:00:00Z&endDate=9999-12-31T23:59:59-23:59',
    '/api/v1/vehicles?startDate=%2B275760-09-13T00:00:00.000Z&endDate=2026-01-02T00:00:00Z',
    '/api/v1/trips?date=0000-01-01',
    '/api/v1/trips?date=2026-02-30',
    '/api/v1/vehicles?page=200000000',
    '/api/v1/vehicles?page=-1',
    '/api/v1/vehicles?limit=1e400',
    '/api/v1/vehicles?seats=9007199254740993',
  ])('GET %s → 400 VALIDATION_ERROR', async (url) => {
    const res = await call('GET', url);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_ERROR');
  });

  it('refuses a year-0000 booking range in a body', async () => {
    const res = await call('POST', '/api/v1/bookings', {
      token: customer,
      body: { vehicleId: '01900000-0000-7000-8000-000000000000', startDate: '0000-01-01T00:00:00Z', endDate: '0000-01-03T00:00:00Z' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['endDate', 'startDate']);
  });
});

describe('errors raised by Fastify itself', () => {
  it('answers broken percent-encoding in a path in the envelope', async () => {
    for (const url of ['/api/v1/bookings/%ZZ', '/api/v1/vehicles/%E0%A4%A', '/trpc/%ZZ', '/sandbox/pay/%ZZ']) {
      const res = await call('GET', url);
      expect(res.status, url).toBe(400);
      expect(res.body).toMatchObject({ success: false, error: { code: 'VALIDATION_ERROR', requestId: res.requestId } });
    }
  });

  it('answers bad JSON, a wrong content type and an empty JSON body in the envelope', async () => {
    const bad = await call('POST', '/api/v1/auth/login', { raw: '{"email":' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_ERROR');
    const empty = await call('POST', '/api/v1/auth/login', { raw: '' });
    expect(empty.status).toBe(400);
    expect(empty.body.error.code).toBe('VALIDATION_ERROR');
    const typed = await app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'text/xml' }, payload: '<a/>' });
    expect(typed.statusCode).toBe(415);
    expect(typed.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });
});

/**
 * Node's fetch in another process, as a mobile backend or a script would be: it writes the
 * whole body before reading the answer, so a server that answers 413 and closes at once
 * leaves it with EPIPE instead of the envelope.
 */
const FETCH_TEN_TIMES = `
const [url, type, size, token, tries] = process.argv.slice(1);
const body = Buffer.alloc(Number(size), 0x61);
const outcomes = [];
for (let i = 0; i < Number(tries); i++) {
  try {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': type, authorization: 'Bearer ' + token }, body });
    const json = await res.json();
    outcomes.push(res.status + ' ' + json.error?.code);
  } catch (error) {
    outcomes.push('failed: ' + (error.cause?.code ?? String(error)));
  }
}
console.log(JSON.stringify(outcomes));
`;

describe('413 reaches Node fetch clients', () => {
  it.each([
    ['/api/v1/auth/login', 10],
    ['/trpc/auth.login', 3],
    ['/api/v1/files?purpose=vehicle_photo', 3],
  ] as const)(
    'an oversized body on %s gets the PAYLOAD_TOO_LARGE envelope on each of %i tries',
    async (path, tries) => {
      const files = path.includes('files');
      // Well past the limit (small overshoots fit in socket buffers and hide the bug), within what the server drains.
      const size = Math.min(DRAIN_LIMIT_BYTES, 12 * 1024 * 1024);
      expect(size).toBeGreaterThan(2 * (files ? deps.config.storage.maxUploadBytes : deps.config.http.bodyLimitBytes));
      const { stdout } = await run(process.execPath, [
        '--input-type=module',
        '-e',
        FETCH_TEN_TIMES,
        base + path,
        files ? 'image/png' : 'application/json',
        String(size),
        customer,
        String(tries),
      ]);
      expect(JSON.parse(stdout)).toEqual(Array.from({ length: tries }, () => '413 PAYLOAD_TOO_LARGE'));
      // Tens of megabytes through loopback on a loaded CI machine.
    },
    120_000,
  );
});
