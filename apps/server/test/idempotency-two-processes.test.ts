import { type AppRouter, appRouter, mergeRouters, publicProcedure, router } from '@fareway/api';
import { createDeps, type Deps, issueSession } from '@fareway/core';
import { createTestDeps, type TestDeps } from '@fareway/core/testing';
import { connectDatabase, type DatabaseHandle, newId, schema } from '@fareway/db';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { buildServer } from '../src/app';
import { DEFAULT_IDEMPOTENCY_OPTIONS } from '../src/idempotency';

// The same Idempotency-Key through two API processes on one Postgres (issue 17): A and B are two
// servers, each with its own pool, its own in-memory wake-ups and its own metrics, as two processes
// behind a load balancer are. Nothing is shared between them but the database, so a duplicate on B
// can only learn that A's run finished by reading the key row (its poll). A gate holds A's first run
// for as long as the test likes; bounds are injected, never waited out by sleeping.

const gate = {
  closed: false,
  waiting: [] as Array<() => void>,
  open() {
    this.closed = false;
    for (const release of this.waiting.splice(0)) release();
  },
};

let deps: TestDeps;
let poolB: DatabaseHandle;
let depsB: Deps;
const apps: FastifyInstance[] = [];
let baseA = '';
let baseB = '';
/** B with a short wait bound: a duplicate held past it is answered 409. */
let baseBHasty = '';

// Each run of the probe writes a row, so "one effect" is read back from the database.
const probes = router({
  probe: router({
    gated: publicProcedure
      .meta({ openapi: { method: 'POST', path: '/probe/gated-run' } })
      .input(z.object({ label: z.string() }))
      .output(z.object({ label: z.string(), runs: z.number() }))
      .mutation(async ({ ctx, input }) => {
        await ctx.deps.db.insert(schema.auditLog).values(auditRow(input.label));
        if (gate.closed) await new Promise<void>((resolve) => gate.waiting.push(resolve));
        return { label: input.label, runs: await runsOf(input.label) };
      }),
  }),
});
const testRouter = mergeRouters(appRouter, probes) as unknown as AppRouter;

function auditRow(label: string) {
  return { id: newId(), at: new Date(), action: 'probe.run', subjectType: 'probe', subjectId: label };
}

async function runsOf(label: string): Promise<number> {
  const [row] = await deps.database.sql<Array<{ n: number }>>`
    select count(*)::int as n from audit_log where action = 'probe.run' and subject_id = ${label}`;
  return row?.n ?? -1;
}

async function listen(on: Deps, waitMs: number): Promise<string> {
  const app = await buildServer(on, { router: testRouter, serveApps: false, idempotency: { waitMs } });
  await app.listen({ port: 0, host: '127.0.0.1' });
  apps.push(app);
  const address = app.server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}

beforeAll(async () => {
  deps = await createTestDeps({ env: { PUBLIC_URL: 'http://fareway.test', METRICS_TOKEN } });
  poolB = connectDatabase(deps.database.url, { max: 4 });
  depsB = createDeps({ db: poolB.db, config: deps.config, clock: deps.clock, log: deps.log, jobs: deps.jobs });
  baseA = await listen(deps, 60_000);
  baseB = await listen(depsB, 60_000);
  baseBHasty = await listen(depsB, 300);
});
afterAll(async () => {
  gate.open();
  for (const app of apps) await app.close();
  await poolB?.close();
  await deps?.cleanup();
});

interface Answer {
  status: number;
  headers: Headers;
  bytes: Buffer;
  json: ReturnType<typeof JSON.parse>;
}

async function post(base: string, path: string, body: unknown, key: string, token?: string): Promise<Answer> {
  const res = await fetch(base + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': key, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const bytes = Buffer.from(await res.arrayBuffer());
  return { status: res.status, headers: res.headers, bytes, json: JSON.parse(bytes.toString('utf8')) };
}

/** One series of a server's /metrics, 0 when absent. */
/** `/metrics` answers only the scraper holding METRICS_TOKEN (issue 15). */
const METRICS_TOKEN = 'metrics-token-for-tests';

async function metric(base: string, series: string): Promise<number> {
  const res = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
  if (res.status !== 200) throw new Error(`/metrics answered ${res.status}`);
  const text = await res.text();
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}
const outcome = (name: string) => `fareway_idempotency_requests_total{outcome="${name}"}`;

async function keyRow(key: string) {
  const [row] = await deps.database.sql<Array<{ status: string; response_status: number | null }>>`
    select status, response_status from idempotency_keys where key = ${key}`;
  return row;
}

describe('the same Idempotency-Key through two server processes', () => {
  it('waits by default for 5 s (the README’s bound) before answering IDEMPOTENCY_KEY_IN_USE', () => {
    expect(DEFAULT_IDEMPOTENCY_OPTIONS.waitMs).toBe(5_000);
    expect(DEFAULT_IDEMPOTENCY_OPTIONS.retryAfterSeconds).toBe(1);
  });

  it('sent to A and B at once, many times over, creates one organization and every answer is the same bytes', async () => {
    const userId = newId();
    const now = deps.clock.now();
    await deps.db
      .insert(schema.users)
      .values({ id: userId, phone: '+94771700001', roles: ['customer'], status: 'active', createdAt: now, updatedAt: now });
    const { token } = await issueSession(deps.db, userId, now, 30, { ip: null, requestId: null });
    const name = 'Two Process Travels';
    const answers = await Promise.all(
      Array.from({ length: 24 }, (_, i) => post(i % 2 ? baseB : baseA, '/api/v1/organizations', { name }, 'two-proc-org', token)),
    );
    const [orgs] = await deps.database.sql<Array<{ n: number }>>`select count(*)::int as n from organizations where name = ${name}`;
    expect(orgs?.n).toBe(1);
    const originals = answers.filter((a) => a.headers.get('idempotency-replayed') === null);
    expect(originals).toHaveLength(1);
    const first = originals[0] as Answer;
    expect(first.status).toBe(200);
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(answer.bytes.equals(first.bytes)).toBe(true);
    }
    expect(await keyRow('two-proc-org')).toEqual({ status: 'completed', response_status: 200 });
  });

  it('a duplicate on B waits for the run held on A (by polling the row) and gets its stored answer', async () => {
    gate.closed = true;
    const claimedA = await metric(baseA, outcome('claimed'));
    const storedA = await metric(baseA, outcome('stored'));
    const waitedB = await metric(baseB, outcome('waited'));
    const replayedB = await metric(baseB, outcome('replayed'));

    const first = post(baseA, '/api/v1/probe/gated-run', { label: 'held-on-a' }, 'two-proc-wait');
    await vi.waitFor(async () => expect(await runsOf('held-on-a')).toBe(1));
    const second = post(baseB, '/api/v1/probe/gated-run', { label: 'held-on-a' }, 'two-proc-wait');
    // B parks the duplicate on the key, not in the procedure: its gauge says so, A's does not.
    await vi.waitFor(async () => expect(await metric(baseB, 'fareway_idempotency_waiting')).toBe(1));
    expect(await metric(baseA, 'fareway_idempotency_waiting')).toBe(0);
    expect(await keyRow('two-proc-wait')).toMatchObject({ status: 'running' });

    gate.open();
    const [a, b] = await Promise.all([first, second]);
    expect(a.json).toEqual({ success: true, data: { label: 'held-on-a', runs: 1 } });
    expect(b.status).toBe(200);
    expect(b.headers.get('idempotency-replayed')).toBe('true');
    expect(b.bytes.equals(a.bytes)).toBe(true);
    expect(await runsOf('held-on-a')).toBe(1);

    // The metric the README promises, per process: A claimed and stored, B waited and replayed.
    expect(await metric(baseA, outcome('claimed'))).toBe(claimedA + 1);
    expect(await metric(baseA, outcome('stored'))).toBe(storedA + 1);
    expect(await metric(baseB, outcome('waited'))).toBe(waitedB + 1);
    expect(await metric(baseB, outcome('replayed'))).toBe(replayedB + 1);
    expect(await metric(baseB, 'fareway_idempotency_waiting')).toBe(0);
  });

  it('a duplicate held past the wait bound is answered 409 IDEMPOTENCY_KEY_IN_USE with Retry-After; the retry replays', async () => {
    gate.closed = true;
    const inUse = await metric(baseBHasty, outcome('in_use'));
    const first = post(baseA, '/api/v1/probe/gated-run', { label: 'held-long' }, 'two-proc-busy');
    await vi.waitFor(async () => expect(await runsOf('held-long')).toBe(1));

    // The gate stays closed: B's bound (300 ms here, 5 s by default) passes with A still running.
    const busy = await post(baseBHasty, '/api/v1/probe/gated-run', { label: 'held-long' }, 'two-proc-busy');
    expect(busy.status).toBe(409);
    expect(busy.headers.get('retry-after')).toBe('1');
    expect(busy.json).toMatchObject({ success: false, error: { code: 'IDEMPOTENCY_KEY_IN_USE' } });
    expect(await metric(baseBHasty, outcome('in_use'))).toBe(inUse + 1);
    expect(await runsOf('held-long')).toBe(1);

    gate.open();
    const done = await first;
    const retried = await post(baseBHasty, '/api/v1/probe/gated-run', { label: 'held-long' }, 'two-proc-busy');
    expect(retried.headers.get('idempotency-replayed')).toBe('true');
    expect(retried.bytes.equals(done.bytes)).toBe(true);
    expect(await runsOf('held-long')).toBe(1);
  });
});
