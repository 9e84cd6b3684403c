import { ConsoleSmsSender, createRentalHold, NOTIFICATIONS_CHANNEL, sendOtp } from '@fareway/core';
import { createTestDeps, type TestDeps } from '@fareway/core/testing';
import { newId } from '@fareway/db';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { insertUser, insertVehicle } from '../../../packages/core/test/support/booking-fixtures';
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

describe('holds wake send-notifications after commit, from the holding process', () => {
  it("delivers a hold's notice long before the next poll", async () => {
    const now = deps.clock.now();
    const customer = await insertUser(deps);
    const vehicleId = await insertVehicle(deps, await insertUser(deps, ['customer', 'driver']));
    const [row] = await deps.database.sql<{ phone: string }[]>`select phone from users where id = ${customer}`;
    const phone = row?.phone ?? '';
    const start = new Date(now.getTime() + 3 * 86_400_000);
    await createRentalHold(
      deps,
      { userId: customer, roles: ['customer'], sessionId: 's' },
      { vehicleId, start, end: new Date(start.getTime() + 86_400_000) },
      { ip: '127.0.0.3', requestId: 'req_hold_wake' },
    );
    await vi.waitFor(() => expect(sms.lastTo(phone)?.body).toBeDefined(), { timeout: 15_000, interval: 50 });
  });

  it("a transaction marked 'after_commit' NOTIFYs nothing at commit; an unmarked one still does", async () => {
    const heard: string[] = [];
    const listener = await deps.database.sql.listen(NOTIFICATIONS_CHANNEL, (payload) => heard.push(payload));
    try {
      await deps.database.sql.begin(async (tx) => {
        await tx`select set_config('fareway.outbox_wake', 'after_commit', true)`;
        await tx`insert into notifications (id, channel, recipient, kind, locale, body, created_at, next_attempt_at)
                 values (${newId()}, 'sms', '+94771130001', 'otp.code', 'en', 'x', now(), now() + interval '1 day')`;
      });
      await deps.database.sql.begin(
        (tx) => tx`insert into notifications (id, channel, recipient, kind, locale, body, created_at, next_attempt_at)
                   values (${newId()}, 'sms', '+94771130002', 'otp.code', 'en', 'x', now(), now() + interval '1 day')`,
      );
      // Notifications arrive in commit order: once the second is heard, the first would have been too.
      await vi.waitFor(() => expect(heard.length).toBeGreaterThan(0), { timeout: 5_000, interval: 20 });
      expect(heard).toEqual(['']);
    } finally {
      await listener.unlisten();
    }
  });
});
