import { ensureAdmin, issueSession, seedDemo } from '@fareway/core';
import { createTestDeps, type TestDeps } from '@fareway/core/testing';
import { ERROR_CODE_LIST } from '@fareway/domain';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../src/app';
import {
  type FuzzRequest,
  type GenerationContext,
  HOSTILE_CLASSES,
  type JsonSchema,
  type Operation,
  operationsOf,
  requestFor,
} from './support/openapi-fuzz';
import { insertUser } from './support/payments-harness';

/**
 * Every operation of the served OpenAPI document, walked with hostile input as an
 * anonymous caller, a customer and an admin: no answer may be a 5xx, and every
 * answer must be API.md's envelope. Operations are read from the document, so new
 * ones are fuzzed without touching this file.
 *
 * CI runs each hostile class once per operation (the roles taking turns), then FUZZ_RUNS
 * (default 4) random requests per operation and role; `FUZZ_RUNS=200` is a long run. A failure
 * prints the fast-check seed and the shrunk request.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 4);
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
const ROLES = ['anonymous', 'customer', 'admin'] as const;
type Role = (typeof ROLES)[number];

let deps: TestDeps;
let app: FastifyInstance;
let operations: Operation[] = [];
let ids: string[] = [];
const tokens: Partial<Record<Role, string>> = {};
const userIds: Partial<Record<Role, string>> = {};
let requests = 0;
const statuses = new Map<number, number>();
const codes = new Set<string>();

async function refreshSession(role: Role): Promise<void> {
  const userId = userIds[role];
  if (!userId) return;
  // The fuzz may have suspended the user or revoked its session (logout, logout-all): start it afresh.
  await deps.db.$client`update users set status = 'active', roles = ${role === 'admin' ? ['admin'] : ['customer']} where id = ${userId}`;
  tokens[role] = (await issueSession(deps.db, userId, deps.clock.now(), 30, { ip: null, requestId: null })).token;
}

/** Ids that exist in any table with a uuid `id` (users aside: the fuzz would suspend itself), for requests that get past "not found". */
async function harvestIds(): Promise<void> {
  const tables = await deps.db.$client<Array<{ table_name: string }>>`
    select table_name from information_schema.columns
    where table_schema = 'public' and column_name = 'id' and data_type = 'uuid'
      and table_name not in ('users', 'sessions', 'audit_log', 'idempotency_keys', 'otp_codes')`;
  const found: string[] = [];
  for (const { table_name } of tables) {
    const rows = await deps.db.$client.unsafe<Array<{ id: string }>>(`select id from "${table_name}" order by id desc limit 3`);
    found.push(...rows.map((r) => r.id));
  }
  ids = found;
}

function describeRequest(role: Role, request: FuzzRequest): string {
  const payload =
    typeof request.payload === 'string' ? request.payload.slice(0, 300) : request.payload ? `<${request.payload.length} bytes>` : '';
  return `${role} ${request.method} ${request.url.slice(0, 300)} ${JSON.stringify(request.headers)} ${payload}`;
}

/** Sends one request and checks the answer: never 5xx, always the envelope (or a documented non-JSON download). */
async function send(op: Operation, role: Role, request: FuzzRequest): Promise<void> {
  const headers = { ...request.headers, ...(tokens[role] ? { authorization: `Bearer ${tokens[role]}` } : {}) };
  const res = await app.inject({
    method: request.method as 'GET',
    url: request.url,
    headers,
    ...(request.payload === undefined ? {} : { payload: request.payload }),
  });
  requests++;
  statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
  const what = `${describeRequest(role, request)}\n→ ${res.statusCode} ${res.body.slice(0, 500)}`;
  expect(res.statusCode, what).toBeLessThan(500);
  const type = String(res.headers['content-type'] ?? '');
  if (res.statusCode < 300 && !type.startsWith('application/json')) {
    // A download (a photo) is fine where the document says the operation answers with it.
    expect(
      op.successTypes.some((t) => t !== 'application/json'),
      what,
    ).toBe(true);
    return;
  }
  expect(type, what).toMatch(/^application\/json/);
  let body: JsonSchema;
  try {
    body = JSON.parse(res.body);
  } catch {
    throw new Error(`not JSON: ${what}`);
  }
  if (res.statusCode < 300) {
    expect(body.success, what).toBe(true);
    expect('data' in body, what).toBe(true);
  } else {
    expect(body.success, what).toBe(false);
    expect(typeof body.error?.message, what).toBe('string');
    expect(ERROR_CODE_LIST, what).toContain(body.error?.code);
    expect(Number.isNaN(Date.parse(body.error?.timestamp)), what).toBe(false);
    expect(body.error?.requestId, what).toBe(res.headers['x-request-id']);
    codes.add(body.error.code);
    if (role !== 'anonymous' && (body.error.code === 'TOKEN_INVALID' || body.error.code === 'ACCOUNT_SUSPENDED'))
      await refreshSession(role);
  }
}

beforeAll(async () => {
  // The general rate limit is another test's subject; here it would only cut the walk short.
  deps = await createTestDeps({ jobs: 'sender', env: { RATE_LIMIT_PER_MINUTE: '1000000' } });
  deps.clock.set(new Date());
  await seedDemo(deps);
  app = await buildServer(deps, { serveApps: false });
  await app.ready();
  const admin = await ensureAdmin(deps, { email: 'fuzz-admin@example.com', password: 'fuzz admin password' });
  userIds.admin = admin.user.id;
  userIds.customer = await insertUser(deps);
  await refreshSession('admin');
  await refreshSession('customer');
  const document = (await app.inject('/api/v1/openapi.json')).json() as JsonSchema;
  operations = operationsOf(document);
  await harvestIds();
});

afterAll(async () => {
  console.log(
    `fuzz-openapi: ${requests} requests over ${operations.length} operations × ${ROLES.length} roles; statuses ${JSON.stringify(Object.fromEntries(statuses))}; codes ${[...codes].sort().join(' ')}`,
  );
  await app?.close();
  await deps?.cleanup();
});

describe('every OpenAPI operation under hostile input', () => {
  it('finds the operations in the served document', () => {
    expect(operations.length).toBeGreaterThan(40);
    expect(operations.map((o) => `${o.method} ${o.path}`)).toEqual(
      expect.arrayContaining(['GET /vehicles', 'POST /bookings', 'GET /bookings/{id}']),
    );
  });

  it('answers each hostile class on every operation, the roles taking turns, with the envelope and no 5xx', async () => {
    for (const [o, op] of operations.entries()) {
      for (const [h, hostile] of HOSTILE_CLASSES.entries()) {
        const ctx: GenerationContext = { ids: () => ids, hostileRate: 0, ...hostile };
        const [request] = fc.sample(requestFor(op, ctx), { numRuns: 1, seed: 42 });
        // The roles take turns, so each operation meets every class across them and each role a third of the classes.
        const role = ROLES[(o + h) % ROLES.length] ?? 'anonymous';
        if (request) await send(op, role, request);
      }
    }
  });

  it(
    `answers random valid and hostile requests (${RUNS} per operation and role) with the envelope and no 5xx`,
    async () => {
      for (const op of operations) {
        await harvestIds();
        const ctx: GenerationContext = { ids: () => ids, hostileRate: 0.25 };
        await fc.assert(
          fc.asyncProperty(fc.constantFrom(...ROLES), requestFor(op, ctx), async (role, request) => send(op, role, request)),
          { numRuns: RUNS * ROLES.length, ...(SEED === undefined ? {} : { seed: SEED }), endOnFailure: process.env.CI === 'true' },
        );
      }
      // The project's 60 s fits the CI run; a long run (FUZZ_RUNS=200) needs time in proportion.
    },
    Math.max(60_000, RUNS * 30_000),
  );
});
