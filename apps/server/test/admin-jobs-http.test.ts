import { queues } from '@fareway/jobs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearer,
  insertRental,
  insertUser,
  insertVehicle,
  type Json,
  type PaymentsHarness,
  startPaymentsHarness,
} from './support/payments-harness';

// Running and watching jobs over real HTTP, with a worker in the process on the
// test's clock: an admin (or an outside cron with JOB_SECRET_KEY) triggers
// expire-holds, a hold past its expiresAt is expired and its car bookable again.
const JOB_SECRET_KEY = 'outside-cron-secret-0123456789-abcdefghij';
let h: PaymentsHarness;
let admin: Record<string, string>;

beforeAll(async () => {
  h = await startPaymentsHarness({ env: { JOB_SECRET_KEY } });
  admin = bearer(await h.adminToken());
});
afterAll(() => h.close());

const sql = () => h.deps.database.sql;

async function lastRun(name: string, jobId: string): Promise<Json> {
  const res = await h.call('GET', '/api/v1/admin/jobs', undefined, admin);
  expect(res.status).toBe(200);
  const queue = res.body.data.queues.find((q: Json) => q.name === name);
  return queue.lastRuns.find((r: Json) => r.id === jobId);
}

describe('POST /api/v1/admin/jobs/{name}', () => {
  it('an admin runs expire-holds: the lapsed hold is expired, the car bookable again, the run listed', async () => {
    const owner = await insertUser(h.deps, ['driver']);
    const vehicleId = await insertVehicle(h.deps, owner);
    const first = await insertUser(h.deps);
    const start = new Date(h.deps.clock.now().getTime() + 10 * 86_400_000);
    const end = new Date(start.getTime() + 86_400_000);
    // A fixture hold that lapsed a minute ago (the clock is the test's: nobody sleeps).
    const held = await insertRental(h.deps, {
      customerId: first,
      vehicleId,
      ownerUserId: owner,
      start,
      end,
      expiresAt: new Date(h.deps.clock.now().getTime() - 60_000),
    });
    expect(await sql()`select status from vehicle_occupancies where booking_id = ${held}`).toEqual([{ status: 'pending' }]);

    const run = await h.call('POST', '/api/v1/admin/jobs/expire-holds', {}, admin);
    expect(run.status).toBe(200);
    const jobId = run.body.data.jobId as string;
    await h.eventually(async () => expect((await lastRun('expire-holds', jobId))?.state).toBe('completed'));
    expect(await sql()`select status from bookings where id = ${held}`).toEqual([{ status: 'expired' }]);
    expect(await sql()`select status from vehicle_occupancies where booking_id = ${held}`).toEqual([{ status: 'expired' }]);
    const done = await lastRun('expire-holds', jobId);
    expect(done).toMatchObject({ attempts: 1, lastError: null });
    expect(Date.parse(done.finishedAt)).toBeGreaterThanOrEqual(Date.parse(done.startedAt));

    const second = await h.tokenFor(await insertUser(h.deps));
    const rebooked = await h.call(
      'POST',
      '/api/v1/bookings',
      { vehicleId, startDate: start.toISOString(), endDate: end.toISOString() },
      bearer(second),
    );
    expect(rebooked.status, JSON.stringify(rebooked.body)).toBe(200);
    expect(rebooked.body.data.status).toBe('pending');
    expect(await sql()`select count(*)::int as n from audit_log where action = 'job.run' and subject_id = ${jobId}`).toEqual([{ n: 1 }]);
  });

  it('takes a payload the job checks: a settlement period, and refuses a malformed one', async () => {
    const ok = await h.call('POST', '/api/v1/admin/jobs/calculate-settlements', { payload: { period: '2026-01' } }, admin);
    expect(ok.status).toBe(200);
    const [job] = await sql()`select data from pgboss.job where id = ${ok.body.data.jobId}`;
    expect(job?.data).toEqual({ period: '2026-01' });
    const bad = await h.call('POST', '/api/v1/admin/jobs/calculate-settlements', { payload: { period: 'January' } }, admin);
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_ERROR');
  });

  it('refuses customers (403), anonymous callers (401) and unknown jobs (404 JOB_NOT_FOUND)', async () => {
    const customer = bearer(await h.tokenFor(await insertUser(h.deps)));
    const before = await sql()`select count(*)::int as n from pgboss.job where name = ${queues.cleanupAuth.name}`;
    for (const name of ['expire-holds', 'cleanup-auth', 'calculate-settlements']) {
      const asCustomer = await h.call('POST', `/api/v1/admin/jobs/${name}`, {}, customer);
      expect(asCustomer.status).toBe(403);
      expect(asCustomer.body.error.code).toBe('FORBIDDEN');
      const anonymous = await h.call('POST', `/api/v1/admin/jobs/${name}`, {});
      expect(anonymous.status).toBe(401);
    }
    expect(await sql()`select count(*)::int as n from pgboss.job where name = ${queues.cleanupAuth.name}`).toEqual(before);
    const unknown = await h.call('POST', '/api/v1/admin/jobs/mine-bitcoin', {}, admin);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('JOB_NOT_FOUND');
    expect((await h.call('GET', '/api/v1/admin/jobs', undefined, customer)).status).toBe(403);
    expect((await h.call('GET', '/api/v1/admin/jobs')).status).toBe(401);
  });

  it('an outside cron runs a job with Bearer JOB_SECRET_KEY; a wrong key is 401', async () => {
    const cron = await h.call('POST', '/api/v1/admin/jobs/cleanup-auth', {}, bearer(JOB_SECRET_KEY));
    expect(cron.status).toBe(200);
    expect(cron.body.data.jobId).toMatch(/^[0-9a-f-]{36}$/);
    const wrong = await h.call('POST', '/api/v1/admin/jobs/cleanup-auth', {}, bearer(`${JOB_SECRET_KEY}x`));
    expect(wrong.status).toBe(401);
    // The key runs jobs and nothing else.
    expect((await h.call('GET', '/api/v1/admin/jobs', undefined, bearer(JOB_SECRET_KEY))).status).toBe(401);
  });
});

describe('GET /api/v1/admin/jobs and retry', () => {
  it('lists every queue with its schedule and counts; retry brings a failed job back and the worker completes it', async () => {
    const listed = await h.call('GET', '/api/v1/admin/jobs', undefined, admin);
    const names = listed.body.data.queues.map((q: Json) => q.name);
    expect(names).toEqual(Object.values(queues).map((q) => q.name));
    const expire = listed.body.data.queues.find((q: Json) => q.name === 'expire-holds');
    expect(expire.schedule).toEqual({ cron: '* * * * *', timezone: 'UTC' });

    // A cleanup job that failed for good (its retries used up): put there directly, as pg-boss leaves one.
    const jobId = await h.deps.jobs.send(undefined, queues.cleanupRateLimits, {}, { startAfterSeconds: 3600 });
    await sql()`update pgboss.job set state = 'failed', output = '{"message":"database went away"}'::jsonb where id = ${jobId as string}`;
    const failed = await lastRun('cleanup-rate-limits', jobId as string);
    expect(failed).toMatchObject({ state: 'failed', lastError: 'database went away' });
    const counts = (await h.call('GET', '/api/v1/admin/jobs', undefined, admin)).body.data.queues.find(
      (q: Json) => q.name === 'cleanup-rate-limits',
    ).counts;
    expect(counts.failed).toBe(1);

    await sql()`update pgboss.job set start_after = now() where id = ${jobId as string}`;
    const retried = await h.call('POST', '/api/v1/admin/jobs/cleanup-rate-limits/retry', {}, admin);
    expect(retried.status).toBe(200);
    expect(retried.body.data).toEqual({ retried: 1 });
    await h.eventually(async () => expect((await lastRun('cleanup-rate-limits', jobId as string))?.state).toBe('completed'));
    expect((await h.call('POST', '/api/v1/admin/jobs/cleanup-rate-limits/retry', {}, admin)).body.data).toEqual({ retried: 0 });
    expect((await h.call('POST', '/api/v1/admin/jobs/nothing-here/retry', {}, admin)).status).toBe(404);
  });
});
