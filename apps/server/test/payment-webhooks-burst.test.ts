import { sandboxWebhook } from '@fareway/gateways/testing';
import { queues } from '@fareway/jobs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertPendingIntent } from '../../../packages/core/test/support/money-fixtures';
import {
  bearer,
  insertRental,
  insertUser,
  insertVehicle,
  type Json,
  type PaymentsHarness,
  startPaymentsHarness,
} from './support/payments-harness';

// 200 held bookings, 200 signed sandbox webhooks at once: every one accepted,
// every booking confirmed exactly once, read back through REST. The worker
// (in this process) is woken by the enqueueing transactions' NOTIFY and works
// the queue in parallel batches; the job wait (enqueue → start) is printed.
const N = 200;
let h: PaymentsHarness;

beforeAll(async () => {
  h = await startPaymentsHarness();
});
afterAll(() => h.close());

describe('a burst of payment webhooks', () => {
  it(`${N} webhooks for ${N} holds at once: all accepted, all ${N} bookings confirmed once`, async () => {
    const owner = await insertUser(h.deps, ['driver']);
    const start = new Date(h.deps.clock.now().getTime() + 14 * 86_400_000);
    const holds: { bookingId: string; intentId: string }[] = [];
    for (let i = 0; i < N; i++) {
      const customerId = await insertUser(h.deps);
      const vehicleId = await insertVehicle(h.deps, owner);
      const bookingId = await insertRental(h.deps, {
        customerId,
        vehicleId,
        ownerUserId: owner,
        start,
        end: new Date(start.getTime() + 86_400_000),
      });
      const intentId = await insertPendingIntent(h.deps, { bookingId, customerId });
      holds.push({ bookingId, intentId });
    }
    const secret = h.deps.config.payments.gateways.sandbox.webhookSecret;
    const answers = await Promise.all(
      holds.map(async ({ intentId }) => {
        const webhook = sandboxWebhook({ secret, intentId, amountMinor: 1_000_000, currency: 'LKR', now: h.deps.clock.now() });
        const res = await fetch(`${h.base}/api/v1/payments/webhook/sandbox`, {
          method: 'POST',
          headers: webhook.headers as Record<string, string>,
          body: webhook.rawBody,
        });
        return { status: res.status, body: (await res.json()) as Json };
      }),
    );
    expect(answers.map((a) => a.status)).toEqual(holds.map(() => 200));
    expect(answers.filter((a) => a.body.data?.duplicate === false)).toHaveLength(N);

    const admin = bearer(await h.adminToken());
    const statusOf = async (bookingId: string) => (await h.call('GET', `/api/v1/bookings/${bookingId}`, undefined, admin)).body.data.status;
    await h.eventually(async () => {
      const [row] = await h.deps.database
        .sql`select count(*)::int as n from bookings where id in ${h.deps.database.sql(holds.map((x) => x.bookingId))} and status = 'confirmed'`;
      expect(row?.n).toBe(N);
    }, 60_000);
    const statuses = await Promise.all(holds.map((x) => statusOf(x.bookingId)));
    expect(statuses).toEqual(holds.map(() => 'confirmed'));

    const sql = h.deps.database.sql;
    expect(
      await sql`select count(*)::int as n from ledger_journals where kind = 'capture' and reference in ${sql(holds.map((x) => x.intentId))}`,
    ).toEqual([{ n: N }]);
    expect(
      await sql`select count(*)::int as n from payments where id in ${sql(holds.map((x) => x.intentId))} and status = 'completed'`,
    ).toEqual([{ n: N }]);
    const [wait] = await sql<{ p50: number; p95: number; max: number }[]>`
      select percentile_cont(0.5) within group (order by ms) as p50, percentile_cont(0.95) within group (order by ms) as p95, max(ms) as max
      from (select extract(epoch from started_on - created_on) * 1000 as ms from pgboss.job where name = ${queues.processPaymentEvent.name}) w`;
    console.info(
      `payment webhooks burst: ${N} jobs, wait enqueue → start p50 ${Number(wait?.p50).toFixed(0)} ms, p95 ${Number(wait?.p95).toFixed(0)} ms, max ${Number(wait?.max).toFixed(0)} ms`,
    );
  }, 120_000);
});
