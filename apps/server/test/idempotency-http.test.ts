import { type AppRouter, appRouter, mergeRouters, publicProcedure, router } from '@fareway/api';
import { issueSession } from '@fareway/core';
import { createTestDeps, type TestDeps } from '@fareway/core/testing';
import { newId, schema } from '@fareway/db';
import { AppError } from '@fareway/domain';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { buildServer } from '../src/app';
import { apiFetch } from './support/openapi-validator';

// Real servers on real ports over one test database; the clock is injected, so
// lock and key expiry are crossed by moving it, never by waiting.

/** A mutation the test can hold open, to have a first run "still running" for as long as it likes. */
const gate = {
  closed: false,
  runs: 0,
  waiting: [] as Array<() => void>,
  open() {
    this.closed = false;
    for (const release of this.waiting.splice(0)) release();
  },
};
const counts = { crash: 0, limited: 0 };

const probes = router({
  probe: router({
    gated: publicProcedure
      .meta({ openapi: { method: 'POST', path: '/probe/gated' } })
      .input(z.object({ label: z.string() }))
      .output(z.object({ label: z.string(), run: z.number() }))
      .mutation(async ({ input }) => {
        const run = ++gate.runs;
        if (gate.closed) await new Promise<void>((resolve) => gate.waiting.push(resolve));
        return { label: input.label, run };
      }),
    echo: publicProcedure
      .meta({ openapi: { method: 'POST', path: '/probe/echo' } })
      .input(z.object({ name: z.string().min(1), count: z.number().int() }))
      .output(z.object({ name: z.string(), count: z.number() }))
      .mutation(({ input }) => input),
    crash: publicProcedure
      .meta({ openapi: { method: 'POST', path: '/probe/crash' } })
      .input(z.object({}))
      .output(z.object({}))
      .mutation(() => {
        counts.crash++;
        throw new Error('database on fire');
      }),
    limited: publicProcedure
      .meta({ openapi: { method: 'POST', path: '/probe/limited-mutation' } })
      .input(z.object({}))
      .output(z.object({}))
      .mutation(() => {
        counts.limited++;
        throw new AppError('RATE_LIMITED', 'Slow down', { retryAfterSeconds: 7 });
      }),
  }),
});
const testRouter = mergeRouters(appRouter, probes) as unknown as AppRouter;

let deps: TestDeps;
/** Duplicates wait for the first run (far longer than any run here takes). */
let patient: { app: FastifyInstance; base: string };
/** Duplicates are answered 409 at once: the IN_USE path. */
let hasty: { app: FastifyInstance; base: string };

async function start(waitMs: number) {
  const app = await buildServer(deps, { router: testRouter, serveApps: false, idempotency: { waitMs } });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  return { app, base: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` };
}

beforeAll(async () => {
  deps = await createTestDeps({
    env: { PUBLIC_URL: 'http://fareway.test', CORS_ORIGINS: 'https://partner.example', METRICS_TOKEN: 'metrics-token-for-tests' },
  });
  patient = await start(60_000);
  hasty = await start(0);
});
afterAll(async () => {
  await patient?.app.close();
  await hasty?.app.close();
  await deps.cleanup();
});

async function signIn(phone: string): Promise<{ userId: string; token: string }> {
  const userId = newId();
  const now = deps.clock.now();
  await deps.db.insert(schema.users).values({ id: userId, phone, roles: ['customer'], status: 'active', createdAt: now, updatedAt: now });
  const session = await issueSession(deps.db, userId, now, 30, { ip: null, requestId: null });
  return { userId, token: session.token };
}

interface Answer {
  status: number;
  headers: Headers;
  bytes: Buffer;
  json: ReturnType<typeof JSON.parse>;
}

async function send(
  base: string,
  method: string,
  path: string,
  options: { body?: unknown; rawBody?: string; key?: string; token?: string; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const res = await apiFetch(base + path, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(options.key === undefined ? {} : { 'idempotency-key': options.key }),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    body: options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
  });
  const bytes = Buffer.from(await res.arrayBuffer());
  let json: unknown = null;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    json = null;
  }
  return { status: res.status, headers: res.headers, bytes, json };
}

async function organizationsNamed(name: string): Promise<number> {
  const [row] = await deps.database.sql<Array<{ n: number }>>`select count(*)::int as n from organizations where name = ${name}`;
  return row?.n ?? -1;
}

async function keyRow(key: string) {
  const [row] = await deps.database.sql<Array<{ scope: string; status: string; response_status: number | null }>>`
    select scope, status, response_status from idempotency_keys where key = ${key}`;
  return row;
}

function expectSameResponse(answer: Answer, first: Answer) {
  expect(answer.status).toBe(first.status);
  expect(answer.headers.get('content-type')).toBe(first.headers.get('content-type'));
  expect(answer.bytes.equals(first.bytes)).toBe(true);
}

async function waitingDuplicates(base: string): Promise<number> {
  const text = await (await apiFetch(`${base}/metrics`, { headers: { authorization: 'Bearer metrics-token-for-tests' } })).text();
  return Number(/^fareway_idempotency_waiting (\d+)/m.exec(text)?.[1] ?? 0);
}

describe('the same Idempotency-Key sent 50 times at once', () => {
  it('over REST creates one organization and all 50 answers are identical', async () => {
    const { token, userId } = await signIn('+94771000001');
    const name = 'Fifty Buses Ltd';
    const answers = await Promise.all(
      Array.from({ length: 50 }, () => send(patient.base, 'POST', '/api/v1/organizations', { body: { name }, key: 'create-org-1', token })),
    );
    expect(await organizationsNamed(name)).toBe(1);
    const [members] = await deps.database.sql<Array<{ n: number }>>`
      select count(*)::int as n from organization_members where user_id = ${userId}`;
    expect(members?.n).toBe(1);

    const original = answers.filter((a) => a.headers.get('idempotency-replayed') === null);
    expect(original).toHaveLength(1);
    const first = original[0] as Answer;
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ success: true, data: { name, status: 'pending' } });
    for (const answer of answers) expectSameResponse(answer, first);
    expect(answers.filter((a) => a.headers.get('idempotency-replayed') === 'true')).toHaveLength(49);
    expect(await keyRow('create-org-1')).toEqual({ scope: `user:${userId}`, status: 'completed', response_status: 200 });
  });

  it('over tRPC does the same', async () => {
    const { token } = await signIn('+94771000002');
    const name = 'Fifty Coaches tRPC';
    const answers = await Promise.all(
      Array.from({ length: 50 }, () =>
        send(patient.base, 'POST', '/trpc/organizations.create', { body: { name }, key: 'trpc-org-1', token }),
      ),
    );
    expect(await organizationsNamed(name)).toBe(1);
    const first = answers.find((a) => a.headers.get('idempotency-replayed') === null) as Answer;
    expect(first.json).toMatchObject({ result: { data: { name } } });
    for (const answer of answers) expectSameResponse(answer, first);
    expect(answers.filter((a) => a.headers.get('idempotency-replayed') === 'true')).toHaveLength(49);
  });
});

describe('a duplicate arriving while the first still runs', () => {
  it('waits for it and gets the replay (the operation runs once)', async () => {
    gate.closed = true;
    const runsBefore = gate.runs;
    const first = send(patient.base, 'POST', '/api/v1/probe/gated', { body: { label: 'wait' }, key: 'gated-wait' });
    await vi.waitFor(() => expect(gate.runs).toBe(runsBefore + 1));
    const second = send(patient.base, 'POST', '/api/v1/probe/gated', { body: { label: 'wait' }, key: 'gated-wait' });
    // The duplicate is parked on the key (not in the procedure) before the first is let go.
    await vi.waitFor(async () => expect(await waitingDuplicates(patient.base)).toBe(1));
    expect(await keyRow('gated-wait')).toMatchObject({ status: 'running' });
    gate.open();
    const [a, b] = await Promise.all([first, second]);
    expect(a.json).toEqual({ success: true, data: { label: 'wait', run: runsBefore + 1 } });
    expect(b.headers.get('idempotency-replayed')).toBe('true');
    expectSameResponse(b, a);
    expect(gate.runs).toBe(runsBefore + 1);
  });

  it('is told 409 IDEMPOTENCY_KEY_IN_USE with Retry-After when it will not wait, then the retry replays', async () => {
    gate.closed = true;
    const runsBefore = gate.runs;
    const first = send(hasty.base, 'POST', '/api/v1/probe/gated', { body: { label: 'busy' }, key: 'gated-busy' });
    await vi.waitFor(() => expect(gate.runs).toBe(runsBefore + 1));

    const busy = await send(hasty.base, 'POST', '/api/v1/probe/gated', { body: { label: 'busy' }, key: 'gated-busy' });
    expect(busy.status).toBe(409);
    expect(busy.headers.get('retry-after')).toBe('1');
    expect(busy.json).toMatchObject({ success: false, error: { code: 'IDEMPOTENCY_KEY_IN_USE' } });
    // The same over tRPC, in tRPC's error shape.
    const trpcFirst = send(hasty.base, 'POST', '/trpc/probe.gated', { body: { label: 'busy' }, key: 'gated-busy-trpc' });
    await vi.waitFor(() => expect(gate.runs).toBe(runsBefore + 2));
    const trpcRefused = await send(hasty.base, 'POST', '/trpc/probe.gated', { body: { label: 'busy' }, key: 'gated-busy-trpc' });
    expect(trpcRefused.status).toBe(409);
    expect(trpcRefused.headers.get('retry-after')).toBe('1');
    expect(trpcRefused.json).toMatchObject({
      error: { data: { appCode: 'IDEMPOTENCY_KEY_IN_USE', httpStatus: 409, path: 'probe.gated' } },
    });

    gate.open();
    const [done, trpcDone] = await Promise.all([first, trpcFirst]);
    const retried = await send(hasty.base, 'POST', '/api/v1/probe/gated', { body: { label: 'busy' }, key: 'gated-busy' });
    expect(retried.headers.get('idempotency-replayed')).toBe('true');
    expectSameResponse(retried, done);
    const trpcRetried = await send(hasty.base, 'POST', '/trpc/probe.gated', { body: { label: 'busy' }, key: 'gated-busy-trpc' });
    expect(trpcRetried.headers.get('idempotency-replayed')).toBe('true');
    expectSameResponse(trpcRetried, trpcDone);
    expect(gate.runs).toBe(runsBefore + 2);
  });

  it('takes over a run whose lock lapsed (its process presumed dead), and only the new run is stored', async () => {
    gate.closed = true;
    const runsBefore = gate.runs;
    const crashed = send(patient.base, 'POST', '/api/v1/probe/gated', { body: { label: 'crash' }, key: 'gated-takeover' });
    await vi.waitFor(() => expect(gate.runs).toBe(runsBefore + 1));
    deps.clock.advance(61_000);
    const retry = send(patient.base, 'POST', '/api/v1/probe/gated', { body: { label: 'crash' }, key: 'gated-takeover' });
    await vi.waitFor(() => expect(gate.runs).toBe(runsBefore + 2));
    gate.open();
    const [late, fresh] = await Promise.all([crashed, retry]);
    expect(late.json.data.run).toBe(runsBefore + 1);
    expect(fresh.json.data.run).toBe(runsBefore + 2);
    const again = await send(patient.base, 'POST', '/api/v1/probe/gated', { body: { label: 'crash' }, key: 'gated-takeover' });
    expectSameResponse(again, fresh);
  });
});

describe('replays and refusals', () => {
  it('replays an error response byte for byte (its timestamp and request id included)', async () => {
    const { token } = await signIn('+94771000003');
    const first = await send(patient.base, 'POST', '/api/v1/organizations', { body: { name: 'x' }, key: 'bad-org', token });
    expect(first.status).toBe(400);
    expect(first.json.error).toMatchObject({ code: 'VALIDATION_ERROR', details: [{ path: 'name' }] });
    deps.clock.advance(1_000);
    const replay = await send(patient.base, 'POST', '/api/v1/organizations', {
      rawBody: '{ "name" : "x" }',
      key: 'bad-org',
      token,
      headers: { 'x-request-id': 'another-request' },
    });
    expect(replay.headers.get('idempotency-replayed')).toBe('true');
    expect(replay.headers.get('x-request-id')).toBe('another-request');
    expectSameResponse(replay, first);
  });

  it('refuses the same key with another body or route: 422 IDEMPOTENCY_KEY_REUSED, nothing runs', async () => {
    const { token } = await signIn('+94771000004');
    const made = await send(patient.base, 'POST', '/api/v1/organizations', { body: { name: 'Reuse One' }, key: 'reuse', token });
    expect(made.status).toBe(200);
    for (const [path, body] of [
      ['/api/v1/organizations', { name: 'Reuse Two' }],
      ['/api/v1/organizations', { name: 'Reuse One', timeZone: 'Asia/Dubai' }],
      ['/api/v1/probe/echo', { name: 'Reuse One', count: 1 }],
    ] as const) {
      const refused = await send(patient.base, 'POST', path, { body, key: 'reuse', token });
      expect(refused.status).toBe(422);
      expect(refused.json).toMatchObject({ success: false, error: { code: 'IDEMPOTENCY_KEY_REUSED' } });
    }
    const trpc = await send(patient.base, 'POST', '/trpc/organizations.create', { body: { name: 'Reuse Two' }, key: 'reuse', token });
    expect(trpc.status).toBe(422);
    expect(trpc.json).toMatchObject({ error: { data: { appCode: 'IDEMPOTENCY_KEY_REUSED', path: 'organizations.create' } } });
    expect(await organizationsNamed('Reuse Two')).toBe(0);
  });

  it('keeps callers apart: two users with the same key each run their own request', async () => {
    const alice = await signIn('+94771000005');
    const bob = await signIn('+94771000006');
    const a = await send(patient.base, 'POST', '/api/v1/organizations', {
      body: { name: 'Same Key Co' },
      key: 'shared-key',
      token: alice.token,
    });
    const b = await send(patient.base, 'POST', '/api/v1/organizations', {
      body: { name: 'Same Key Co' },
      key: 'shared-key',
      token: bob.token,
    });
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    expect(b.headers.get('idempotency-replayed')).toBeNull();
    expect(b.json.data.id).not.toBe(a.json.data.id);
    expect(await organizationsNamed('Same Key Co')).toBe(2);
    // An anonymous caller is scoped by address.
    const anon = await send(patient.base, 'POST', '/api/v1/probe/echo', { body: { name: 'n', count: 1 }, key: 'shared-key' });
    expect(anon.status).toBe(200);
    const scopes = await deps.database.sql<
      Array<{ scope: string }>
    >`select scope from idempotency_keys where key = 'shared-key' order by scope`;
    expect(scopes.map((r) => r.scope).sort()).toEqual([`user:${alice.userId}`, `user:${bob.userId}`, 'anon:127.0.0.1'].sort());
  });

  it('runs an expired key (past 24 h) again, as new', async () => {
    const { token } = await signIn('+94771000007');
    const body = { name: 'Expiring Key Co' };
    const first = await send(patient.base, 'POST', '/api/v1/organizations', { body, key: 'expiring', token });
    deps.clock.advance(23 * 3_600_000);
    const replay = await send(patient.base, 'POST', '/api/v1/organizations', { body, key: 'expiring', token });
    expectSameResponse(replay, first);
    expect(await organizationsNamed(body.name)).toBe(1);
    deps.clock.advance(3_600_000);
    const fresh = await send(patient.base, 'POST', '/api/v1/organizations', { body, key: 'expiring', token });
    expect(fresh.status).toBe(200);
    expect(fresh.headers.get('idempotency-replayed')).toBeNull();
    expect(fresh.json.data.id).not.toBe(first.json.data.id);
    expect(await organizationsNamed(body.name)).toBe(2);
  });

  it('does not pin a 5xx or a 429: the claim is released and the retry runs', async () => {
    const crashes = counts.crash;
    for (let i = 0; i < 2; i++) {
      const res = await send(patient.base, 'POST', '/api/v1/probe/crash', { body: {}, key: 'crash-key' });
      expect(res.status).toBe(500);
      expect(res.headers.get('idempotency-replayed')).toBeNull();
    }
    expect(counts.crash).toBe(crashes + 2);
    expect(await keyRow('crash-key')).toBeUndefined();

    const limited = counts.limited;
    for (let i = 0; i < 2; i++) {
      const res = await send(patient.base, 'POST', '/trpc/probe.limited', { body: {}, key: 'limited-key' });
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toBe('7');
    }
    expect(counts.limited).toBe(limited + 2);
    expect(await keyRow('limited-key')).toBeUndefined();
  });

  it('answers a malformed key with 400 VALIDATION_ERROR on both transports', async () => {
    for (const key of ['x'.repeat(256), '', 'caf\u00e9']) {
      const rest = await send(patient.base, 'POST', '/api/v1/probe/echo', { body: { name: 'n', count: 1 }, key });
      expect(rest.status).toBe(400);
      expect(rest.json).toMatchObject({ success: false, error: { code: 'VALIDATION_ERROR', details: [{ path: 'Idempotency-Key' }] } });
    }
    const trpc = await send(patient.base, 'POST', '/trpc/probe.echo', { body: { name: 'n', count: 1 }, key: 'y'.repeat(256) });
    expect(trpc.status).toBe(400);
    expect(trpc.json).toMatchObject({ error: { data: { appCode: 'VALIDATION_ERROR', path: 'probe.echo' } } });
  });
});

describe('cost and contract', () => {
  it('leaves the table alone for requests without the header (they pass while it is locked)', async () => {
    const { token } = await signIn('+94771000008');
    const before = await deps.database.sql`select count(*)::int as n from idempotency_keys`;
    await deps.database.sql.begin(async (tx) => {
      await tx`lock table idempotency_keys in access exclusive mode`;
      const rest = await send(patient.base, 'POST', '/api/v1/organizations', { body: { name: 'No Key Co' }, token });
      expect(rest.status).toBe(200);
      const trpc = await send(patient.base, 'POST', '/trpc/organizations.create', { body: { name: 'No Key Co' }, token });
      expect(trpc.status).toBe(200);
    });
    expect(await organizationsNamed('No Key Co')).toBe(2);
    expect(await deps.database.sql`select count(*)::int as n from idempotency_keys`).toEqual(before);
  });

  it('lets browsers on allowed origins send the header and read Idempotency-Replayed', async () => {
    const preflight = await apiFetch(`${patient.base}/api/v1/organizations`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://partner.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,authorization,idempotency-key',
      },
    });
    expect(preflight.status).toBeLessThan(300);
    expect(preflight.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('idempotency-key');
    const res = await apiFetch(`${patient.base}/api/v1/system/status`, { headers: { origin: 'https://partner.example' } });
    expect(res.headers.get('access-control-expose-headers')).toContain('Idempotency-Replayed');
  });

  it('documents the optional header on every mutating operation of the OpenAPI document', async () => {
    const doc = (await (await apiFetch(`${patient.base}/api/v1/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { parameters?: Array<{ name: string; in: string; required?: boolean }> }>>;
    };
    let mutating = 0;
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        const header = operation.parameters?.find((p) => p.name === 'Idempotency-Key');
        if (['post', 'put', 'patch', 'delete'].includes(method)) {
          mutating++;
          expect(header, `${method} ${path}`).toMatchObject({ in: 'header', required: false });
        } else expect(header, `${method} ${path}`).toBeUndefined();
      }
    }
    expect(mutating).toBeGreaterThan(3);
  });
});
