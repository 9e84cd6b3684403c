import { type Config, ensureAdmin, issueSession, loadConfig } from '@fareway/core';
import { createTestDeps, type TestDeps } from '@fareway/core/testing';
import type { Gateways } from '@fareway/gateways';
import { type RunningWorker, startWorker } from '@fareway/worker';
import type { FastifyInstance } from 'fastify';
import { expect, vi } from 'vitest';
import { insertRental, insertUser, insertVehicle } from '../../../../packages/core/test/support/booking-fixtures';
import { buildServer } from '../../src/app';
import { apiFetch } from './openapi-validator';

export { insertRental, insertUser, insertVehicle };

/** The harness server's METRICS_TOKEN: `/metrics` wants it as a Bearer token. */
export const HARNESS_METRICS_TOKEN = 'metrics-token-for-tests';

/** Loosely typed JSON (what JSON.parse gives) for reading responses in assertions. */
// biome-ignore lint/suspicious/noExplicitAny: test responses are read loosely
export type Json = any;

export interface PaymentsHarness {
  deps: TestDeps;
  app: FastifyInstance;
  base: string;
  worker: RunningWorker | null;
  call(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; headers: Headers; body: Json }>;
  tokenFor(userId: string): Promise<string>;
  adminToken(): Promise<string>;
  /** A new customer's one-day hold on a new driver's car from `start`, and its payment initiated over REST with `provider`. */
  initiateRentalPayment(provider: string, start: Date): Promise<{ token: string; bookingId: string; payment: Json }>;
  /** Polls until `check` passes (the worker runs on its own schedule); never a fixed sleep. */
  eventually<T>(check: () => Promise<T>, timeoutMs?: number): Promise<T>;
  close(): Promise<void>;
}

/**
 * A real server on a random port over a fresh database, with (by default) a
 * worker in this process: REST in, webhooks in, jobs out — the whole payments path.
 */
export async function startPaymentsHarness(
  options: { gateways?: (config: Config) => Gateways; env?: Record<string, string>; worker?: boolean; now?: Date } = {},
): Promise<PaymentsHarness> {
  const env = { PUBLIC_URL: 'http://fareway.test', METRICS_TOKEN: HARNESS_METRICS_TOKEN, ...options.env };
  const gateways = options.gateways?.(loadConfig({ NODE_ENV: 'test', ...env }));
  const deps = await createTestDeps({ jobs: options.worker === false ? 'sender' : 'worker', env, ...(gateways ? { gateways } : {}) });
  deps.clock.set(options.now ?? '2026-03-01T00:00:00Z');
  const app = await buildServer(deps, { serveApps: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const worker = options.worker === false ? null : await startWorker(deps, { pollingIntervalSeconds: 0.5 });
  let admin: string | undefined;

  const harness: PaymentsHarness = {
    deps,
    app,
    base,
    worker,
    async call(method, path, body, headers = {}) {
      const res = await apiFetch(base + path, {
        method,
        headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      let parsed: Json = text;
      try {
        parsed = JSON.parse(text);
      } catch {}
      return { status: res.status, headers: res.headers, body: parsed };
    },
    async tokenFor(userId) {
      const session = await issueSession(deps.db, userId, deps.clock.now(), 30, { ip: null, requestId: null });
      return session.token;
    },
    async adminToken() {
      if (!admin) {
        const { user } = await ensureAdmin(deps, { email: 'ledger-admin@example.com', password: 'ledger admin password' });
        admin = await harness.tokenFor(user.id);
      }
      return admin;
    },
    async initiateRentalPayment(provider, start) {
      const owner = await insertUser(deps, ['driver']);
      const vehicle = await insertVehicle(deps, owner);
      const customer = await insertUser(deps);
      const token = await harness.tokenFor(customer);
      const end = new Date(start.getTime() + 86_400_000);
      const bookingId = await insertRental(deps, { customerId: customer, vehicleId: vehicle, ownerUserId: owner, start, end });
      const res = await harness.call('POST', '/api/v1/payments/initiate', { bookingId, provider }, bearer(token));
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return { token, bookingId, payment: res.body.data as Json };
    },
    async eventually(check, timeoutMs = 30_000) {
      return vi.waitFor(check, { timeout: timeoutMs, interval: 100 });
    },
    async close() {
      await worker?.stop();
      await app.close();
      await deps.cleanup();
    },
  };
  return harness;
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
