import type { FakeStripe } from '@fareway/gateways/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { processRefund } from '../src/refunds';
import type { TestDeps } from '../src/testing/test-deps';
import { waitUntilBlocked } from './support/database-probes';
import { cancelByPartner, createStripeTestDeps, insertListeningEndpoint, insertPaidRental } from './support/money-fixtures';

// What an executed refund leaves behind besides its journal (issue 17: the mutation run found these
// unasserted): the refund.succeeded announcement to a listening partner, the customer's notice keyed by
// the refund and worded for where the money went, and a gateway refusal's message kept to 500 characters.

let deps: TestDeps;
let stripe: FakeStripe;
let endpoint: string;

beforeAll(async () => {
  ({ deps, stripe } = await createStripeTestDeps({}));
  endpoint = await insertListeningEndpoint(deps, ['refund.succeeded', 'refund.failed']);
});
afterAll(async () => {
  await deps?.cleanup();
  await stripe?.close();
});

/** A paid sandbox rental its partner cancels; the customer has an email (the notice's email carries the wording). */
async function pendingRefund(gatewayPaymentId: boolean) {
  const paid = await insertPaidRental(deps, { provider: 'sandbox' });
  await deps.database.sql`update users set email = ${`c${paid.customerId}@example.test`} where id = ${paid.customerId}`;
  // The fixture captures without a gateway payment id (refunded to the wallet); the sandbox's would be its intent id.
  if (gatewayPaymentId) await deps.database.sql`update payments set provider_payment_id = ${paid.paymentId} where id = ${paid.paymentId}`;
  return { ...paid, refundId: await cancelByPartner(deps, paid) };
}

const announced = (refundId: string) =>
  deps.database.sql<{ type: string; status: string }[]>`
    select e.type, e.data->'refund'->>'status' as status
    from webhook_events e join webhook_deliveries d on d.event_id = e.id and d.endpoint_id = ${endpoint}
    where e.data->'refund'->>'id' = ${refundId}`;

const notices = (userId: string) =>
  deps.database.sql<{ channel: string; dedupe_key: string; body: string }[]>`
    select channel, dedupe_key, body from notifications where user_id = ${userId} and kind = 'refund.issued' order by channel`;

it.each([
  ['to the wallet', false, 'It is in your Fareway wallet now.'],
  ['through the gateway', true, 'It goes back to the card or account you paid with'],
] as const)(
  'a refund executed %s is announced once as refund.succeeded and noticed once per channel, keyed by the refund',
  async (_where, gatewayPaymentId, wording) => {
    const { customerId, refundId } = await pendingRefund(gatewayPaymentId);
    expect(await processRefund(deps, { refundId })).toBe('succeeded');

    expect(await announced(refundId)).toEqual([{ type: 'refund.succeeded', status: 'succeeded' }]);
    const rows = await notices(customerId);
    expect(rows.map((r) => [r.channel, r.dedupe_key])).toEqual([
      ['email', `refund.issued:${refundId}:email`],
      ['sms', `refund.issued:${refundId}:sms`],
    ]);
    expect(rows[0]?.body).toContain(wording);
  },
);

it("a gateway's refusal with a long message keeps its first 500 characters as the refund's last error", async () => {
  const paid = await insertPaidRental(deps, { provider: 'stripe' });
  const unknown = `pi_${'x'.repeat(600)}`;
  await deps.database.sql`update payments set provider_payment_id = ${unknown} where id = ${paid.paymentId}`;
  const refundId = await cancelByPartner(deps, paid);
  expect(await processRefund(deps, { refundId })).toBe('failed');
  const [row] = await deps.database.sql<
    { status: string; last_error: string }[]
  >`select status, last_error from refunds where id = ${refundId}`;
  expect(row?.status).toBe('failed');
  expect(row?.last_error).toHaveLength(500);
  expect(row?.last_error).toMatch(/^stripe refund: HTTP 404 StripeInvalidRequestError: No such payment_intent: 'pi_x{400}/);
  expect(await announced(refundId)).toEqual([{ type: 'refund.failed', status: 'failed' }]);
});

it('two executions that both read the refund as pending before either locks it: the second re-reads it under the lock and skips', async () => {
  const { refundId } = await pendingRefund(false);
  const raw = await deps.database.sql.reserve();
  let outcomes: Promise<string[]>;
  try {
    await raw`begin`;
    await raw`select 1 from refunds where id = ${refundId} for update`;
    // Both pass the unlocked read (pending) and wait on the row lock this connection holds.
    outcomes = Promise.all([processRefund(deps, { refundId }), processRefund(deps, { refundId })]);
    await waitUntilBlocked(deps, 2);
    await raw`commit`;
  } finally {
    raw.release();
  }
  expect((await outcomes).sort()).toEqual(['skipped', 'succeeded']);
  const [row] = await deps.database.sql<{ attempts: number }[]>`select attempts from refunds where id = ${refundId}`;
  expect(row?.attempts).toBe(1);
  expect(await announced(refundId)).toEqual([{ type: 'refund.succeeded', status: 'succeeded' }]);
});
