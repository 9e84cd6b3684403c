import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { createLogger, ensureAdmin, issueSession } from '@fareway/core';
import { createTestDeps, type TestDeps } from '@fareway/core/testing';
import { newId, schema } from '@fareway/db';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../src/app';
import { probeRouter } from './probe-router';
import { injectChecked } from './support/openapi-validator';

let deps: TestDeps;
let app: FastifyInstance;
let root: string;
const logged: string[] = [];

beforeAll(async () => {
  deps = await createTestDeps({ env: { CORS_ORIGINS: 'https://partner.example', METRICS_TOKEN: 'metrics-token-for-tests' } });
  // Capture what the server logs, to prove an unexpected error is logged with its stack.
  deps.log = createLogger('error', {}, { write: (line: string) => void logged.push(line) });
  // A fake built tree: the static serving and SPA fallback are tested without running Vite here.
  root = await mkdtemp(join(tmpdir(), 'fareway-static-'));
  for (const [app, marker] of [
    ['web', 'customer-app'],
    ['admin', 'admin-console'],
  ] as const) {
    await mkdir(join(root, 'apps', app, 'dist', 'assets'), { recursive: true });
    await writeFile(join(root, 'apps', app, 'dist', 'index.html'), `<!doctype html><div id="root" data-app="${marker}"></div>`);
    await writeFile(join(root, 'apps', app, 'dist', 'assets', 'index-abc.js'), `console.log("${marker}")`);
  }
  await writeFile(join(root, 'pnpm-workspace.yaml'), '');
  app = await buildServer(deps, { router: probeRouter, rootDir: root });
  await app.ready();
});

afterAll(async () => {
  await app.close();
  await deps.cleanup();
  await rm(root, { recursive: true, force: true });
});

function json(body: string) {
  return JSON.parse(body) as { success: boolean; data?: unknown; meta?: unknown; error?: Record<string, unknown> };
}

describe('health and readiness', () => {
  it('/healthz answers without touching the database', async () => {
    const res = await injectChecked(app, '/healthz');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok' });
  });

  it('serves a tRPC batch whose procedure list is longer than 100 characters (no 414)', async () => {
    const paths = Array.from({ length: 10 }, () => 'system.status').join(',');
    const input = encodeURIComponent(JSON.stringify({}));
    const res = await injectChecked(app, `/trpc/${paths}?batch=1&input=${input}`);
    expect(paths.length).toBeGreaterThan(100);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toHaveLength(10);
  });

  it('/readyz is 200 with the database up and migrations current', async () => {
    const res = await injectChecked(app, '/readyz');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ready', migrations: { current: true }, database: { ok: true } });
  });
});

describe('REST envelope', () => {
  it('wraps a success in { success, data }', async () => {
    const res = await injectChecked(app, '/api/v1/system/status');
    expect(res.statusCode).toBe(200);
    const body = json(res.body);
    expect(body.success).toBe(true);
    expect(body.data).toEqual({ status: 'up' });
  });

  it('lifts a page of items into data and meta', async () => {
    const res = await injectChecked(app, '/api/v1/probe/list?page=2');
    expect(json(res.body)).toEqual({ success: true, data: [1, 2], meta: { page: 2, limit: 20, total: 22 } });
  });

  it('echoes valid input', async () => {
    const res = await injectChecked(app, { method: 'POST', url: '/api/v1/probe/echo', payload: { name: 'Nimal', count: 2 } });
    expect(res.statusCode).toBe(200);
    expect(json(res.body)).toEqual({ success: true, data: { name: 'Nimal', count: 2 } });
  });

  it('answers invalid input with VALIDATION_ERROR and the failing paths', async () => {
    const res = await injectChecked(app, { method: 'POST', url: '/api/v1/probe/echo', payload: { name: '', count: 1.5 } });
    expect(res.statusCode).toBe(400);
    const { error } = json(res.body);
    expect(error).toMatchObject({ code: 'VALIDATION_ERROR', message: 'Input validation failed', requestId: res.headers['x-request-id'] });
    expect(((error?.details ?? []) as Array<{ path: string }>).map((d) => d.path).sort()).toEqual(['count', 'name']);
    expect(Date.parse(String(error?.timestamp))).not.toBeNaN();
  });

  it('answers malformed JSON with VALIDATION_ERROR, not a 500', async () => {
    const res = await injectChecked(app, {
      method: 'POST',
      url: '/api/v1/probe/echo',
      headers: { 'content-type': 'application/json' },
      payload: '{"name": "x",',
    });
    expect(res.statusCode).toBe(400);
    expect(json(res.body).error).toMatchObject({ code: 'VALIDATION_ERROR' });
  });

  it('answers a wrong content type with UNSUPPORTED_MEDIA_TYPE', async () => {
    const res = await injectChecked(app, {
      method: 'POST',
      url: '/api/v1/probe/echo',
      headers: { 'content-type': 'text/plain' },
      payload: 'name=x',
    });
    expect(res.statusCode).toBe(415);
    expect(json(res.body).error).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
  });

  it.each(['/api/v1/probe/echo', '/trpc/probe.echo'])('answers a body over 1 MiB on %s with PAYLOAD_TOO_LARGE', async (url) => {
    const res = await injectChecked(app, {
      method: 'POST',
      url,
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ name: 'x'.repeat(1_100_000), count: 1 }),
    });
    expect(res.statusCode).toBe(413);
    expect(json(res.body).error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
  });

  it('gives an AppError its status, code and details', async () => {
    const res = await injectChecked(app, { method: 'POST', url: '/api/v1/probe/conflict', payload: {} });
    expect(res.statusCode).toBe(409);
    expect(json(res.body).error).toMatchObject({
      code: 'SEATS_UNAVAILABLE',
      message: 'Some seats are taken',
      details: { seats: ['1A', '2C'] },
    });
  });

  it('sets Retry-After on REST and on tRPC alike', async () => {
    const rest = await injectChecked(app, '/api/v1/probe/limited');
    expect(rest.statusCode).toBe(429);
    expect(rest.headers['retry-after']).toBe('42');
    expect(json(rest.body).error).toMatchObject({ code: 'RATE_LIMITED' });
    const trpc = await injectChecked(app, '/trpc/probe.limited');
    expect(trpc.statusCode).toBe(429);
    expect(trpc.headers['retry-after']).toBe('42');
    expect(trpc.json()).toMatchObject({ error: { message: 'Slow down', data: { appCode: 'RATE_LIMITED' } } });
  });

  it('turns an unexpected error into INTERNAL_ERROR that reveals nothing, and logs it with its stack', async () => {
    for (const url of ['/api/v1/probe/boom', '/trpc/probe.boom']) {
      logged.length = 0;
      const res = await injectChecked(app, { method: 'POST', url, payload: {} });
      expect(res.statusCode).toBe(500);
      expect(res.body).not.toMatch(/hunter2|secret\.sql|ECONNREFUSED|at .*\.ts/);
      expect(res.body).toContain(String(res.headers['x-request-id']));
      if (url.startsWith('/api')) expect(json(res.body).error).toMatchObject({ code: 'INTERNAL_ERROR' });
      else expect(res.json()).toMatchObject({ error: { data: { appCode: 'INTERNAL_ERROR' } } });
      const line = logged.find((l) => l.includes('hunter2'));
      expect(line).toBeDefined();
      expect(line).toContain('"stack"');
      expect(line).toContain(String(res.headers['x-request-id']));
    }
  });

  it('answers unknown routes with NOT_FOUND in the envelope', async () => {
    for (const [method, url] of [
      ['GET', '/api/v1/nope'],
      ['POST', '/api/v1/nope'],
      ['GET', '/api/v2/anything'],
      ['DELETE', '/somewhere'],
      ['GET', '/missing.png'],
    ] as const) {
      const res = await injectChecked(app, { method, url });
      expect(res.statusCode, `${method} ${url}`).toBe(404);
      expect(json(res.body).error).toMatchObject({ code: 'NOT_FOUND' });
    }
  });
});

describe('request ids, headers, CORS, compression', () => {
  it("honours a caller's X-Request-Id and mints one otherwise", async () => {
    const given = await injectChecked(app, { url: '/healthz', headers: { 'x-request-id': 'mobile-42.abc' } });
    expect(given.headers['x-request-id']).toBe('mobile-42.abc');
    const minted = await injectChecked(app, '/healthz');
    expect(minted.headers['x-request-id']).toMatch(/^req_[0-9a-f-]{36}$/);
    const unsafe = await injectChecked(app, { url: '/healthz', headers: { 'x-request-id': 'bad id\twith spaces<script>' } });
    expect(unsafe.headers['x-request-id']).toMatch(/^req_/);
  });

  it('sends security headers with a strict Content-Security-Policy', async () => {
    const res = await injectChecked(app, '/');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('allows CORS only for configured origins', async () => {
    const allowed = await injectChecked(app, { url: '/api/v1/system/status', headers: { origin: 'https://partner.example' } });
    expect(allowed.headers['access-control-allow-origin']).toBe('https://partner.example');
    const other = await injectChecked(app, { url: '/api/v1/system/status', headers: { origin: 'https://evil.example' } });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('compresses large responses', async () => {
    const res = await injectChecked(app, { url: '/api/v1/openapi.json', headers: { 'accept-encoding': 'gzip' } });
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(res.rawPayload).toString())).toHaveProperty('openapi');
  });

  it('compresses tRPC answers above the size threshold only, as on REST', async () => {
    const small = await app.inject({ url: '/trpc/system.status', headers: { 'accept-encoding': 'gzip' } });
    expect(small.rawPayload.length).toBeLessThan(1024);
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(small.json()).toEqual({ result: { data: { status: 'up' } } });
    // Each answer is about 40 bytes: 40 of them pass the 1 KiB threshold.
    const batch = Array.from({ length: 40 }, () => 'system.status').join(',');
    const large = await app.inject({ url: `/trpc/${batch}?batch=1`, headers: { 'accept-encoding': 'gzip' } });
    expect(JSON.parse(gunzipSync(large.rawPayload).toString())).toHaveLength(40);
    expect(large.headers['content-encoding']).toBe('gzip');
  });
});

describe('tRPC, OpenAPI, docs, metrics', () => {
  it('serves system.status over tRPC, saying only whether the service is up', async () => {
    const res = await injectChecked(app, '/trpc/system.status');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ result: { data: { status: 'up' } } });
  });

  it('keeps versions, migrations and the worker for admins (system.fullStatus)', async () => {
    const anonymous = await injectChecked(app, '/api/v1/admin/system/status');
    expect(anonymous.statusCode).toBe(401);
    expect(json(anonymous.body).error).toMatchObject({ code: 'TOKEN_INVALID' });
    const customerId = newId();
    const now = deps.clock.now();
    await deps.db
      .insert(schema.users)
      .values({ id: customerId, phone: '+94771234987', roles: ['customer'], status: 'active', createdAt: now, updatedAt: now });
    const customer = await issueSession(deps.db, customerId, now, 30, { ip: null, requestId: null });
    const refused = await injectChecked(app, {
      url: '/api/v1/admin/system/status',
      headers: { authorization: `Bearer ${customer.token}` },
    });
    expect(refused.statusCode).toBe(403);
    const { user } = await ensureAdmin(deps, { email: 'status-admin@example.com', password: 'status admin password' });
    const admin = await issueSession(deps.db, user.id, now, 30, { ip: null, requestId: null });
    const full = await injectChecked(app, { url: '/api/v1/admin/system/status', headers: { authorization: `Bearer ${admin.token}` } });
    expect(full.statusCode).toBe(200);
    expect(json(full.body).data).toMatchObject({
      version: deps.config.version,
      database: { ok: true, serverVersion: expect.any(String) },
      migrations: { current: true, expected: deps.journal.entries.at(-1)?.tag },
      worker: { alive: false },
    });
  });

  it('publishes an OpenAPI 3.1 document whose responses are the envelope', async () => {
    const doc = (await injectChecked(app, '/api/v1/openapi.json')).json();
    expect(doc.openapi).toMatch(/^3\.1/);
    const op = doc.paths['/system/status'].get;
    expect(op.responses['200'].content['application/json'].schema.properties.success).toMatchObject({ const: true });
    expect(op.responses['200'].content['application/json'].schema.properties.data.properties).toHaveProperty('status');
    expect(op.responses['500'].content['application/json'].schema.properties.error.properties.code.enum).toEqual(['INTERNAL_ERROR']);
    expect(doc.paths['/probe/conflict'].post.responses.default.content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/ErrorEnvelope',
    });
    expect(doc.components.schemas.ErrorEnvelope.properties.error.properties.code.enum).toContain('BOOKING_CONFLICT');
  });

  it('serves the Scalar API reference from the package, under a CSP of its own', async () => {
    const res = await injectChecked(app, '/api/docs');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.headers['content-security-policy']).toContain("script-src 'self';");
    expect(res.body).not.toMatch(/<script>|https?:\/\//);
    const scripts = [...res.body.matchAll(/<script src="([^"]+)"/g)].map((m) => m[1] ?? '');
    expect(scripts).toEqual(['/api/docs/scalar.js']);
    // The reference's configuration travels in the (empty, never executed) element the bundle reads.
    expect(res.body).toContain('<script id="api-reference" data-url="/api/v1/openapi.json" data-configuration="');
    const bundle = await app.inject('/api/docs/scalar.js');
    expect([bundle.statusCode, bundle.headers['content-type']]).toEqual([200, 'text/javascript; charset=utf-8']);
    expect(bundle.body).toContain('createApiReference');
    // "Try it" goes where the document says: relative to the origin that served it.
    expect(JSON.parse((await app.inject('/api/v1/openapi.json')).body).servers).toEqual([{ url: '/api/v1' }]);
  });

  it('exposes request durations by route and status, and pool gauges', async () => {
    await injectChecked(app, '/healthz');
    const res = await injectChecked(app, { url: '/metrics', headers: { authorization: 'Bearer metrics-token-for-tests' } });
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/fareway_http_request_duration_seconds_bucket\{[^}]*route="\/healthz"[^}]*status_code="200"/);
    expect(res.body).toMatch(/fareway_http_request_duration_seconds_count\{[^}]*route="\/api\/v1\/probe\/conflict"[^}]*status_code="409"/);
    expect(res.body).toContain('fareway_db_pool_max_connections 10');
    // The scrape's own query is one of this pool's connections, so at least one is active.
    expect(res.body).toMatch(/fareway_db_connections\{state="active"\} [1-9]/);
  });

  it('labels routes with what the API defines, never a path a client made up (label sets live as long as the process)', async () => {
    const made = `made-up-${Date.now()}`;
    await app.inject(`/api/v1/${made}`);
    await app.inject(`/trpc/${made}.procedure`);
    await app.inject(`/trpc/system.status,${made}?batch=1&input={}`);
    await app.inject('/api/v1/bookings/0190a0a0-0000-7000-8000-000000000000');
    const res = await injectChecked(app, { url: '/metrics', headers: { authorization: 'Bearer metrics-token-for-tests' } });
    expect(res.body).not.toContain(made);
    expect(res.body).toMatch(/fareway_http_request_duration_seconds_count\{[^}]*route="unmatched"[^}]*status_code="404"/);
    expect(res.body).toMatch(/fareway_http_request_duration_seconds_count\{[^}]*route="\/api\/v1\/bookings\/\{id\}"[^}]*status_code="401"/);
  });
});

describe('/metrics is for the scraper holding METRICS_TOKEN', () => {
  it('refuses no token and a wrong one with TOKEN_INVALID, and answers the right one', async () => {
    for (const authorization of [undefined, 'Bearer metrics-token-for-test', 'Bearer metrics-token-for-testsx', 'Basic bWV0cmljcw==']) {
      const res = await app.inject({ url: '/metrics', headers: authorization ? { authorization } : {} });
      expect(res.statusCode, authorization).toBe(401);
      expect(res.headers['www-authenticate']).toBe('Bearer realm="metrics"');
      expect(json(res.body).error).toMatchObject({ code: 'TOKEN_INVALID' });
      expect(res.body).not.toContain('fareway_');
    }
    const res = await app.inject({ url: '/metrics', headers: { authorization: 'bearer metrics-token-for-tests' } });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('fareway_http_request_duration_seconds');
  });

  it('is off (403) when no METRICS_TOKEN is configured', async () => {
    const bare = await createTestDeps();
    const server = await buildServer(bare, { serveApps: false });
    try {
      for (const authorization of [undefined, 'Bearer ', 'Bearer undefined']) {
        const res = await server.inject({ url: '/metrics', headers: authorization ? { authorization } : {} });
        expect(res.statusCode).toBe(403);
        expect(json(res.body).error).toMatchObject({ code: 'FORBIDDEN' });
      }
    } finally {
      await server.close();
      await bare.cleanup();
    }
  });
});

describe('the built SPAs', () => {
  it('serves the customer app at / and the admin console under /admin/', async () => {
    expect((await injectChecked(app, { url: '/', headers: { accept: 'text/html' } })).body).toContain('customer-app');
    expect((await injectChecked(app, { url: '/admin/', headers: { accept: 'text/html' } })).body).toContain('admin-console');
    expect((await injectChecked(app, '/admin')).statusCode).toBe(301);
  });

  it('serves assets with long caching and falls back to index.html for client routes', async () => {
    const asset = await injectChecked(app, '/admin/assets/index-abc.js');
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
    const deep = await injectChecked(app, { url: '/admin/vehicles/123', headers: { accept: 'text/html' } });
    expect(deep.statusCode).toBe(200);
    expect(deep.body).toContain('admin-console');
    expect(deep.headers['cache-control']).toBe('no-cache');
    const webDeep = await injectChecked(app, { url: '/bookings/42', headers: { accept: 'text/html' } });
    expect(webDeep.body).toContain('customer-app');
  });

  it('does not answer API misses with a page', async () => {
    const res = await injectChecked(app, { url: '/api/v1/unknown', headers: { accept: 'text/html' } });
    expect(res.statusCode).toBe(404);
    expect(json(res.body).error).toMatchObject({ code: 'NOT_FOUND' });
  });
});
