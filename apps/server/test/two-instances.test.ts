import { createDeps, type Deps, issueSession } from '@fareway/core';
import { createTestDeps, type TestDeps } from '@fareway/core/testing';
import { connectDatabase, type DatabaseHandle, newId } from '@fareway/db';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../src/app';

// Two API instances (A and B), each with its own pool, session cache and listener, on
// one database: what two processes behind a load balancer see (issue 16, issue 15 item 5).
type Json = ReturnType<typeof JSON.parse>;
let depsA: TestDeps;
let depsB: Deps;
let poolB: DatabaseHandle;
let apps: FastifyInstance[];
let baseA: string;
let baseB: string;

async function until(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function listen(deps: Deps): Promise<{ app: FastifyInstance; base: string }> {
  const app = await buildServer(deps, { serveApps: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  return { app, base: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` };
}

beforeAll(async () => {
  depsA = await createTestDeps({ env: { PUBLIC_URL: 'http://fareway.test', RATE_LIMIT_PER_MINUTE: '120' } });
  poolB = connectDatabase(depsA.database.url, { max: 4 });
  depsB = createDeps({ db: poolB.db, config: depsA.config, clock: depsA.clock, log: depsA.log, jobs: depsA.jobs });
  const a = await listen(depsA);
  const b = await listen(depsB);
  apps = [a.app, b.app];
  baseA = a.base;
  baseB = b.base;
  await until(() => Boolean(depsA.sessions?.live && depsB.sessions?.live), 'both session caches to subscribe');
});
afterAll(async () => {
  for (const app of apps) await app.close();
  await poolB.close();
  await depsA.cleanup();
});

async function call(base: string, method: string, path: string, token?: string, body?: unknown) {
  const res = await fetch(base + path, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Json };
}

let phones = 0;
async function newUser(roles: string[] = ['customer']): Promise<{ id: string; token: () => Promise<string> }> {
  const id = newId();
  const now = depsA.clock.now().toISOString();
  await depsA.database.sql`insert into users (id, phone, roles, status, created_at, updated_at)
    values (${id}, ${`+9477555${String(1000 + ++phones)}`}, ${roles}, 'active', ${now}::timestamptz, ${now}::timestamptz)`;
  return { id, token: async () => (await issueSession(depsA.db, id, depsA.clock.now(), 30, { ip: null, requestId: null })).token };
}

describe('session revocation across two instances', () => {
  it('answers repeated requests from the cache, and refuses a token logged out on A at once on B', async () => {
    const user = await newUser();
    const token = await user.token();
    expect((await call(baseB, 'GET', '/api/v1/auth/me', token)).status).toBe(200);
    const [hits, misses] = [depsB.sessions?.hits ?? 0, depsB.sessions?.misses ?? 0];
    expect((await call(baseB, 'GET', '/api/v1/auth/me', token)).status).toBe(200);
    // No session query this time (the rate limiter and the procedure both asked the cache).
    expect(depsB.sessions?.hits).toBeGreaterThan(hits);
    expect(depsB.sessions?.misses).toBe(misses);

    expect((await call(baseA, 'POST', '/api/v1/auth/logout', token, {})).status).toBe(200);
    const refused = await call(baseB, 'GET', '/api/v1/auth/me', token);
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('TOKEN_INVALID');
  });

  it('logout-all on B refuses every session of the user on A on the next request', async () => {
    const user = await newUser();
    const [one, two] = [await user.token(), await user.token()];
    for (const t of [one, two]) expect((await call(baseA, 'GET', '/api/v1/auth/me', t)).status).toBe(200);
    expect((await call(baseB, 'POST', '/api/v1/auth/logout-all', one, {})).status).toBe(200);
    expect((await call(baseA, 'GET', '/api/v1/auth/me', one)).status).toBe(401);
    expect((await call(baseA, 'GET', '/api/v1/auth/me', two)).status).toBe(401);
  });

  it('a suspension on A refuses the suspended user on B on the next request; a role change applies at once', async () => {
    const admin = await newUser(['admin', 'customer']);
    const adminToken = await admin.token();
    const user = await newUser(['customer', 'driver']);
    const token = await user.token();
    const before = await call(baseB, 'GET', '/api/v1/auth/me', token);
    expect(before.body.data.roles).toContain('driver');

    expect((await call(baseA, 'PUT', `/api/v1/admin/users/${user.id}/roles`, adminToken, { roles: ['customer'] })).status).toBe(200);
    const after = await call(baseB, 'GET', '/api/v1/auth/me', token);
    expect(after.status).toBe(200);
    expect(after.body.data.roles).not.toContain('driver');

    const suspended = await call(baseA, 'POST', `/api/v1/admin/users/${user.id}/status`, adminToken, { status: 'suspended' });
    expect(suspended.status).toBe(200);
    expect((await call(baseB, 'GET', '/api/v1/auth/me', token)).status).toBe(401);
  });

  it('a session deleted by any SQL (token rotation, a script) is evicted by the trigger’s NOTIFY', async () => {
    const user = await newUser();
    const token = await user.token();
    expect((await call(baseB, 'GET', '/api/v1/auth/me', token)).status).toBe(200);
    const [row] = await depsA.database.sql<Array<{ id: string }>>`select id from sessions where user_id = ${user.id}`;
    const told = depsB.sessions?.expect(`s:${row?.id}`, 5_000);
    await depsA.database.sql`delete from sessions where user_id = ${user.id}`;
    await told;
    expect((await call(baseB, 'GET', '/api/v1/auth/me', token)).status).toBe(401);
  });

  it('while the notification channel is down the cache is bypassed, and it starts empty when it is back', async () => {
    const user = await newUser();
    const token = await user.token();
    expect((await call(baseB, 'GET', '/api/v1/auth/me', token)).status).toBe(200);
    expect((await call(baseB, 'GET', '/api/v1/auth/me', token)).status).toBe(200);
    // Cut both listeners: the server side of their connections goes away.
    await depsA.database.sql`select pg_terminate_backend(pid) from pg_stat_activity
      where application_name = 'fareway-listen' and datname = current_database()`;
    await until(() => depsB.sessions?.live === false, 'B to notice its listener is gone');
    // A revocation B cannot hear about: B must ask the database.
    await depsA.database.sql`delete from sessions where user_id = ${user.id}`;
    expect((await call(baseB, 'GET', '/api/v1/auth/me', token)).status).toBe(401);
    await until(() => depsB.sessions?.live === true, 'B to subscribe again');
    expect((await call(baseB, 'GET', '/api/v1/auth/me', token)).status).toBe(401);
    const fresh = await user.token();
    expect((await call(baseB, 'GET', '/api/v1/auth/me', fresh)).status).toBe(200);
  });
});

describe('the general rate limit across two instances', () => {
  it('holds one budget for a user whose requests alternate between A and B', async () => {
    const user = await newUser();
    const token = await user.token();
    const limit = depsA.config.rateLimit.perMinute;
    const lease = Math.ceil(limit / 16);
    let allowed = 0;
    let refused = 0;
    const total = limit + limit / 2;
    let next = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < total) {
          const i = next++;
          const res = await fetch(`${i % 2 === 0 ? baseA : baseB}/api/v1/auth/me`, { headers: { authorization: `Bearer ${token}` } });
          await res.arrayBuffer();
          if (res.status === 200) allowed += 1;
          else if (res.status === 429) refused += 1;
        }
      }),
    );

    // Each instance alone would let all of them through (each is under the limit on its own).
    expect(allowed + refused).toBe(total);
    expect(allowed).toBeLessThanOrEqual(limit + 2 * lease);
    expect(allowed).toBeGreaterThanOrEqual(limit - 2 * lease);
    const [bucket] = await depsA.database.sql<Array<{ count: number }>>`
      select sum(count)::int as count from rate_limit_buckets where key like ${`http:general:user:${user.id}:%`}`;
    expect(bucket?.count).toBeGreaterThanOrEqual(limit);
  });
});
