import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { createGateways } from '@fareway/gateways';
import { type FakeFlutterwave, startFakeFlutterwave } from '@fareway/gateways/testing';
import { queues } from '@fareway/jobs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiFetch } from './support/openapi-validator';
import { type PaymentsHarness, startPaymentsHarness } from './support/payments-harness';

// A worker process is killed (SIGKILL: no cleanup, no goodbye) between the
// gateway's success and the confirmation; another worker takes over. The
// payment must end up confirmed exactly once. The worker runs as a real child
// process (tsx, the worker's own main) against this file's database.
const root = resolve(import.meta.dirname, '../../..');
let h: PaymentsHarness;
let flutterwave: FakeFlutterwave;
const children: ChildProcess[] = [];

beforeAll(async () => {
  flutterwave = await startFakeFlutterwave();
  // Real time: the child workers run on the system clock.
  h = await startPaymentsHarness({
    worker: false,
    now: new Date(),
    gateways: (config) => createGateways({ ...config.payments.gateways, flutterwave: flutterwave.config }),
  });
});
afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await h.close();
  await flutterwave.close();
});

function startWorkerProcess(): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/worker/src/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      TZ: 'UTC',
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      DATABASE_URL: h.deps.database.url,
      PUBLIC_URL: 'http://fareway.test',
      FLUTTERWAVE_SECRET_KEY: flutterwave.config.secretKey,
      FLUTTERWAVE_SECRET_HASH: flutterwave.config.secretHash,
      FLUTTERWAVE_BASE_URL: flutterwave.config.baseUrl,
      // Long enough that the job is certainly still inside the gateway call when it is killed.
      GATEWAY_TIMEOUT_MS: '60000',
      WORKER_CONCURRENCY: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let text = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    text += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    text += chunk.toString();
  });
  return { child, output: () => text };
}

const exited = (child: ChildProcess) =>
  new Promise<void>((done) => {
    if (child.exitCode !== null || child.signalCode !== null) done();
    else child.once('exit', () => done());
  });

describe('a worker killed mid-payment', () => {
  it('between the gateway saying "successful" and the confirmation: the next worker confirms it exactly once', async () => {
    const { bookingId, payment } = await h.initiateRentalPayment('flutterwave', new Date(h.deps.clock.now().getTime() + 7 * 86_400_000));
    expect(payment.status).toBe('pending');

    // The customer pays; Flutterwave calls the webhook. Its next API answer (the worker's verify) will hang.
    flutterwave.setStatus(payment.id, 'successful');
    flutterwave.failNext({ status: 503, json: { status: 'error' }, delayMs: 120_000 });
    const verifies = () => flutterwave.requests.filter((r) => r.path.includes('/verify')).length;
    expect(verifies()).toBe(0);
    const webhook = flutterwave.webhook(payment.id);
    const delivered = await apiFetch(`${h.base}/api/v1/payments/webhook/flutterwave`, {
      method: 'POST',
      headers: webhook.headers as Record<string, string>,
      body: webhook.rawBody,
    });
    expect(delivered.status).toBe(200);

    const first = startWorkerProcess();
    // The worker picked the job up and is inside the gateway call: kill it there.
    await h.eventually(async () => expect(verifies(), first.output()).toBe(1), 60_000);
    first.child.kill('SIGKILL');
    await exited(first.child);
    expect(first.child.signalCode).toBe('SIGKILL');

    const sql = h.deps.database.sql;
    // Nothing half-done: no transaction was open across the gateway call.
    expect(await sql`select status from payments where id = ${payment.id}`).toEqual([{ status: 'pending' }]);
    expect(await sql`select status from bookings where id = ${bookingId}`).toEqual([{ status: 'pending' }]);
    expect(await sql`select count(*)::int as n from ledger_journals where reference = ${payment.id}`).toEqual([{ n: 0 }]);
    const [job] = await sql<
      { id: string; state: string }[]
    >`select id, state from pgboss.job where name = ${queues.processPaymentEvent.name}`;
    expect(job?.state).toBe('active');

    // pg-boss's supervisor fails a job that outlived expireInSeconds and retries it. Instead of waiting
    // those 120 s, the job's start is moved back by that much and the supervisor's own expire() runs.
    await sql`update pgboss.job set started_on = started_on - interval '1 hour' where id = ${job?.id as string}`;
    await h.deps.jobs.boss.expire();
    expect((await sql`select state from pgboss.job where id = ${job?.id as string}`)[0]?.state).toBe('retry');

    const second = startWorkerProcess();
    await h.eventually(async () => {
      const [row] = await sql`select status from payments where id = ${payment.id}`;
      expect(row?.status, second.output()).toBe('completed');
    }, 90_000);
    expect(verifies()).toBeGreaterThanOrEqual(2);

    // Exactly once: one capture, one journal, one confirmation; a late duplicate webhook changes nothing.
    const again = await apiFetch(`${h.base}/api/v1/payments/webhook/flutterwave`, {
      method: 'POST',
      headers: webhook.headers as Record<string, string>,
      body: webhook.rawBody,
    });
    expect(again.status).toBe(200);
    expect(await sql`select status, paid_minor::int as paid from bookings where id = ${bookingId}`).toEqual([
      { status: 'confirmed', paid: 1_000_000 },
    ]);
    expect(await sql`select count(*)::int as n from ledger_journals where reference = ${payment.id}`).toEqual([{ n: 1 }]);
    expect(await sql`select count(*)::int as n from audit_log where action = 'booking.confirm' and subject_id = ${bookingId}`).toEqual([
      { n: 1 },
    ]);
    expect(await sql`select count(*)::int as n from audit_log where action = 'payment.captured' and subject_id = ${payment.id}`).toEqual([
      { n: 1 },
    ]);
    expect(await sql`select count(*)::int as n from payment_events where intent_ref = ${payment.id}`).toEqual([{ n: 1 }]);

    second.child.kill('SIGTERM');
    await exited(second.child);
  }, 180_000);
});
