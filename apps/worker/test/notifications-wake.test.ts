import { ConsoleSmsSender, sendOtp } from '@fareway/core';
import { createTestDeps, type TestDeps } from '@fareway/core/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type RunningWorker, startWorker } from '../src';

let deps: TestDeps;
let worker: RunningWorker;
const sms = new ConsoleSmsSender({ log: { info: () => {} }, revealBody: false });

beforeAll(async () => {
  deps = await createTestDeps({ jobs: 'worker' });
  // A poll every 60 s: anything delivered sooner was woken by the commit's NOTIFY, not found by polling.
  worker = await startWorker(deps, { pollingIntervalSeconds: 60, smsSender: sms });
});
afterAll(async () => {
  await worker.stop();
  await deps.cleanup();
});

describe('send-notifications is woken at commit', () => {
  it('delivers each new message long before the next poll', async () => {
    for (const phone of ['+94771110001', '+94771110002', '+94771110003']) {
      deps.clock.advance(120_000);
      await sendOtp(deps, { phoneNumber: phone }, { ip: '127.0.0.2', requestId: `req_${phone}` });
      await vi.waitFor(() => expect(sms.lastTo(phone)?.body).toMatch(/Your Fareway code is \d{6}/), { timeout: 15_000, interval: 50 });
    }
    // `sent` is written just after the provider answers.
    await vi.waitFor(
      async () =>
        expect(await deps.database.sql`select status, attempts from notifications where recipient like '+9477111000%'`).toEqual(
          Array(3).fill({ status: 'sent', attempts: 1 }),
        ),
      { timeout: 5_000, interval: 50 },
    );
    expect(sms.outbox.filter((m) => m.to.startsWith('+9477111000'))).toHaveLength(3);
  });
});
