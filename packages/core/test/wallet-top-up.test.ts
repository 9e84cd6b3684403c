import type { FakeStripe } from '@fareway/gateways/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { TestDeps } from '../src/testing/test-deps';
import { topUpWallet } from '../src/wallet';
import { insertUser } from './support/booking-fixtures';
import { createStripeTestDeps } from './support/money-fixtures';

// topUpWallet's bounds and what it writes (issue 17: the mutation run found its refusals and its audit entry
// unasserted by the core tests): 1 to WALLET_TOP_UP_MAX_MINOR minor units, whole; the initiated top-up
// intent, its audit entry, and the checkout the gateway is asked for.

let deps: TestDeps;
let stripe: FakeStripe;
const origin = { ip: '10.0.0.7', requestId: 'req_top_up' };

beforeAll(async () => {
  ({ deps, stripe } = await createStripeTestDeps({ WALLET_TOP_UP_MAX_MINOR: '500000' }));
});
afterAll(async () => {
  await deps?.cleanup();
  await stripe?.close();
});

it.each([0, -1, 1.5, 500_001, Number.MAX_SAFE_INTEGER + 2])(
  'refuses a top-up of %s minor units, naming the bounds',
  async (amountMinor) => {
    const actor = { userId: await insertUser(deps), roles: ['customer' as const], sessionId: 's' };
    await expect(topUpWallet(deps, actor, { amountMinor, provider: 'sandbox' }, origin)).rejects.toMatchObject({
      code: 'VALIDATION_ERROR',
      message: 'A top-up is between 1 and 500000 minor units',
      details: [{ path: 'amountMinor', message: 'expected 1..500000' }],
    });
    const [row] = await deps.database.sql<{ n: number }[]>`select count(*)::int as n from payments where customer_id = ${actor.userId}`;
    expect(row?.n).toBe(0);
  },
);

it.each([1, 500_000])('accepts %s minor units: an initiated top-up intent, audited, and a checkout at the gateway', async (amountMinor) => {
  const actor = { userId: await insertUser(deps), roles: ['customer' as const], sessionId: 's' };
  const started = await topUpWallet(deps, actor, { amountMinor, provider: 'stripe' }, origin);
  const [row] = await deps.database.sql<{ purpose: string; booking_id: string | null; amount: number; currency: string }[]>`
    select purpose, booking_id, amount_minor::int as amount, currency from payments where id = ${started.id}`;
  expect(row).toEqual({ purpose: 'top_up', booking_id: null, amount: amountMinor, currency: 'LKR' });
  const audit = await deps.database.sql<{ actor: string; subject_type: string; after: unknown }[]>`
    select actor_user_id as actor, subject_type, after from audit_log where action = 'payment.initiated' and subject_id = ${started.id}`;
  expect(audit).toEqual([
    { actor: actor.userId, subject_type: 'payment', after: { purpose: 'top_up', provider: 'stripe', amountMinor, currency: 'LKR' } },
  ]);
  expect(stripe.paymentIntent(started.id)).toMatchObject({ amount: amountMinor, description: 'Fareway wallet top-up' });
});
