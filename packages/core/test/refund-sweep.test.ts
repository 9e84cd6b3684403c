import { newId, withTransaction } from '@fareway/db';
import { createGateways } from '@fareway/gateways';
import type { FakeStripe } from '@fareway/gateways/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { refundBooking } from '../src/back-office';
import { createRefundInTransaction, processDueRefunds, processRefund } from '../src/refunds';
import type { TestDeps } from '../src/testing/test-deps';
import { insertUser } from './support/booking-fixtures';
import { failNextCommitOn } from './support/fail-once';
import { cancelByPartner, createStripeTestDeps, insertListeningEndpoint, insertPaidRental } from './support/money-fixtures';

// The refund sweep (processDueRefunds: `process-refunds` without a refund id), which only the worker's
// tests walked (issue 17: the mutation run found it without a core test): which pending refunds are
// due, oldest first and how many, and what it reports when one cannot be executed this time. And what
// partners hear of a refund the gateway refuses (processRefund), which no core test listened for.

let deps: TestDeps;
let stripe: FakeStripe;
const T0 = new Date('2026-03-01T12:00:00Z');
const ago = (ms: number) => new Date(T0.getTime() - ms);

beforeAll(async () => {
  ({ deps, stripe } = await createStripeTestDeps({}));
});
afterAll(async () => {
  await deps?.cleanup();
  await stripe?.close();
});

/** A paid rental its partner cancels at `at`: a pending refund (to the wallet) written then. */
async function refundWrittenAt(at: Date): Promise<string> {
  deps.clock.set(at);
  const paid = await insertPaidRental(deps, { provider: 'sandbox' });
  return cancelByPartner(deps, paid);
}
async function statusOf(ids: string[]): Promise<string[]> {
  const rows = await deps.database.sql<
    { id: string; status: string }[]
  >`select id, status from refunds where id in ${deps.database.sql(ids)}`;
  return ids.map((id) => rows.find((r) => r.id === id)?.status ?? 'missing');
}

it('executes the pending refunds older than a minute, oldest first, as many as asked; a younger one waits for its own job', async () => {
  const oldest = await refundWrittenAt(ago(180_000));
  const older = await refundWrittenAt(ago(120_000));
  const minuteOld = await refundWrittenAt(ago(60_000));
  const young = await refundWrittenAt(ago(30_000));
  deps.clock.set(T0);

  expect(await processDueRefunds(deps, { limit: 1 })).toEqual({ succeeded: 1, failed: 0, skipped: 0, error: 0 });
  expect(await statusOf([oldest, older, minuteOld, young])).toEqual(['succeeded', 'pending', 'pending', 'pending']);

  expect(await processDueRefunds(deps)).toEqual({ succeeded: 1, failed: 0, skipped: 0, error: 0 });
  expect(await statusOf([oldest, older, minuteOld, young])).toEqual(['succeeded', 'succeeded', 'pending', 'pending']);

  // A minute later both have waited long enough.
  deps.clock.set(new Date(T0.getTime() + 60_001));
  expect(await processDueRefunds(deps)).toEqual({ succeeded: 2, failed: 0, skipped: 0, error: 0 });
  expect(await statusOf([minuteOld, young])).toEqual(['succeeded', 'succeeded']);
  expect(await processDueRefunds(deps)).toEqual({ succeeded: 0, failed: 0, skipped: 0, error: 0 });
});

it('a refund that cannot be executed this time is counted as an error and stays pending; the next sweep executes it', async () => {
  const id = await refundWrittenAt(ago(120_000));
  deps.clock.set(T0);
  // Its refund journal's transaction aborts at commit, once.
  const fired = await failNextCommitOn(deps.database.sql, 'ledger_journals');
  expect(await processDueRefunds(deps)).toEqual({ succeeded: 0, failed: 0, skipped: 0, error: 1 });
  expect(await fired()).toBeGreaterThanOrEqual(1);
  expect(await statusOf([id])).toEqual(['pending']);

  expect(await processDueRefunds(deps)).toEqual({ succeeded: 1, failed: 0, skipped: 0, error: 0 });
  expect(await statusOf([id])).toEqual(['succeeded']);
});

it('a refund the gateway refuses is announced to listening partners as refund.failed, once; transient trouble announces nothing', async () => {
  deps.clock.set(T0);
  const endpoint = await insertListeningEndpoint(deps, ['refund.failed', 'refund.succeeded']);
  try {
    const paid = await insertPaidRental(deps, { provider: 'stripe' });
    // A charge Stripe does not know: it answers 404, a clear refusal.
    await deps.database.sql`update payments set provider_payment_id = 'pi_unknown_to_stripe' where id = ${paid.paymentId}`;
    const refundId = await cancelByPartner(deps, paid);
    const told = () =>
      deps.database.sql<{ type: string; status: string; refund: string }[]>`
        select e.type, e.data->'refund'->>'status' as status, e.data->'refund'->>'id' as refund
        from webhook_events e join webhook_deliveries d on d.event_id = e.id and d.endpoint_id = ${endpoint}`;

    // Stripe unreachable: retryable, nothing is announced.
    const unreachable = createGateways({
      sandbox: deps.config.payments.gateways.sandbox,
      stripe: { ...stripe.config, apiUrl: 'http://127.0.0.1:9', maxNetworkRetries: 0 },
    });
    await expect(
      processRefund({ ...deps, gateways: { ...deps.gateways, stripe: unreachable.stripe } }, { refundId }),
    ).rejects.toMatchObject({ retryable: true });
    expect(await told()).toEqual([]);

    expect(await processRefund(deps, { refundId })).toBe('failed');
    expect(await told()).toEqual([{ type: 'refund.failed', status: 'failed', refund: refundId }]);
    const [row] = await deps.database.sql<{ status: string; attempts: number; last_error: string }[]>`
      select status, attempts, last_error from refunds where id = ${refundId}`;
    expect(row).toMatchObject({ status: 'failed', attempts: 2 });
    expect(row?.last_error).toMatch(/No such payment_intent: 'pi_unknown_to_stripe'/);
  } finally {
    await deps.database.sql`update webhook_endpoints set status = 'disabled' where id = ${endpoint}`;
  }
});

it('a booking cancelled after part of its payment was refunded gets the rest back, never more', async () => {
  deps.clock.set(T0);
  const paid = await insertPaidRental(deps, { provider: 'sandbox' });
  const admin = { userId: await insertUser(deps, ['admin']), roles: ['admin' as const], sessionId: 's' };
  const part = await refundBooking(
    deps,
    admin,
    { bookingId: paid.bookingId, amountMinor: 400_000, reason: 'late pickup' },
    { ip: null, requestId: null },
  );
  expect(await processRefund(deps, { refundId: part.id })).toBe('succeeded');
  const [payment] = await deps.database.sql<{ status: string; refunded: string }[]>`
    select status, refunded_minor::text as refunded from payments where id = ${paid.paymentId}`;
  expect(payment).toEqual({ status: 'partially_refunded', refunded: '400000' });

  await cancelByPartner(deps, paid);
  const written = await deps.database.sql<{ amount: string }[]>`
    select amount_minor::text as amount from refunds where payment_id = ${paid.paymentId} and reason = 'cancellation'`;
  expect(written).toEqual([{ amount: '600000' }]);
});

it('processRefund: an unknown refund is skipped; a refund with no gateway payment to refund against goes to the wallet; run five times at once it is executed once', async () => {
  deps.clock.set(T0);
  expect(await processRefund(deps, { refundId: newId() })).toBe('skipped');
  // The fixture's capture carries no gateway payment id.
  const refundId = await cancelByPartner(deps, await insertPaidRental(deps, { provider: 'sandbox' }));
  const outcomes = await Promise.all(Array.from({ length: 5 }, () => processRefund(deps, { refundId })));
  expect(outcomes.sort()).toEqual(['skipped', 'skipped', 'skipped', 'skipped', 'succeeded']);
  const [row] = await deps.database.sql<{ status: string; destination: string; provider_refund_id: string | null }[]>`
    select status, destination, provider_refund_id from refunds where id = ${refundId}`;
  expect(row).toEqual({ status: 'succeeded', destination: 'wallet', provider_refund_id: null });
  const journals = await deps.database.sql`select id from ledger_journals where reference = ${refundId}`;
  expect(journals).toHaveLength(1);
});

it('a refund the customer asked to the wallet never reaches the gateway, though the payment has a gateway id', async () => {
  deps.clock.set(T0);
  const paid = await insertPaidRental(deps, { provider: 'sandbox' });
  await deps.database.sql`update payments set provider_payment_id = ${paid.paymentId} where id = ${paid.paymentId}`;
  const refund = await withTransaction(deps.db, (tx) =>
    createRefundInTransaction(tx, deps, {
      payment: { id: paid.paymentId, bookingId: paid.bookingId, customerId: paid.customerId, currency: 'LKR', provider: 'sandbox' },
      amountMinor: 250_000,
      reason: 'admin',
      destination: 'wallet',
      at: T0,
    }),
  );
  expect(await processRefund(deps, { refundId: refund.id })).toBe('succeeded');
  const [row] = await deps.database.sql<{ destination: string; provider_refund_id: string | null }[]>`
    select destination, provider_refund_id from refunds where id = ${refund.id}`;
  expect(row).toEqual({ destination: 'wallet', provider_refund_id: null });
});
