import { ConsoleSmsSender, getSystemStatus, sendOtp } from '@fareway/core';
import { createTestDeps, type TestDeps } from '@fareway/core/testing';
import { queues } from '@fareway/jobs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type RunningWorker, startWorker } from '../src';

let deps: TestDeps;
let worker: RunningWorker;
const sms = new ConsoleSmsSender({ log: { info: () => {} }, revealBody: false });

beforeAll(async () => {
  deps = await createTestDeps({ jobs: 'worker' });
  worker = await startWorker(deps, { pollingIntervalSeconds: 0.5, smsSender: sms });
});

afterAll(async () => {
  await worker.stop();
  await deps.cleanup();
});

describe('the worker', () => {
  it('reports itself alive through system.status', async () => {
    const status = await getSystemStatus(deps);
    expect(status.worker).toEqual({ lastSeenAt: deps.clock.now().toISOString(), alive: true });
    const [row] = await deps.database.sql<Array<{ worker_id: string }>>`select worker_id from worker_heartbeats`;
    expect(row?.worker_id).toBe(worker.workerId);
  });

  it('schedules its cron queues in pg-boss', async () => {
    const rows = await deps.database.sql<Array<{ name: string; cron: string }>>`select name, cron from pgboss.schedule`;
    expect(rows).toContainEqual({ name: queues.cleanupRateLimits.name, cron: queues.cleanupRateLimits.cron });
  });

  it('delivers a sign-in code by SMS through the send-sms job, once', async () => {
    await sendOtp(deps, { phoneNumber: '+94771112233' }, { ip: '127.0.0.1', requestId: 'req_w' });
    await vi.waitFor(() => expect(sms.lastTo('+94771112233')?.body).toMatch(/Your Fareway code is \d{6}/), {
      timeout: 20_000,
      interval: 100,
    });
    // The sender hands the SMS over before the worker records it sent: wait for the record too.
    await vi.waitFor(
      async () => {
        const [row] = await deps.database.sql`select status, attempts, body from notifications where recipient = '+94771112233'`;
        expect(row).toMatchObject({ status: 'sent', attempts: 1, body: '[delivered; secret removed]' });
      },
      { timeout: 20_000, interval: 100 },
    );
    expect(sms.outbox.filter((m) => m.to === '+94771112233')).toHaveLength(1);
  });

  it('runs a queued job through its handler', async () => {
    const past = new Date(deps.clock.now().getTime() - 60_000);
    await deps.database.sql`
      insert into rate_limit_buckets (key, window_started_at, count, expires_at)
      values ('stale', ${past.toISOString()}::timestamptz, 3, ${past.toISOString()}::timestamptz)`;
    await deps.jobs.send(undefined, queues.cleanupRateLimits, {});
    await vi.waitFor(async () => expect(await deps.database.sql`select 1 from rate_limit_buckets where key = 'stale'`).toHaveLength(0), {
      timeout: 20_000,
      interval: 100,
    });
  });
});
