import { newId, schema, withTransaction } from '@fareway/db';
import { gatewayFeeMinor, topUpPostings } from '@fareway/domain';
import { createGateways } from '@fareway/gateways';
import { type FakeStripe, sandboxWebhook, startFakeStripe } from '@fareway/gateways/testing';
import { eq } from 'drizzle-orm';
import { cancelBooking } from '../../src/bookings/cancel-booking';
import { loadConfig } from '../../src/config/load-config';
import { postJournal } from '../../src/ledger/post-journal';
import { applyGatewayPayment } from '../../src/payments/apply-gateway-payment';
import { recordPaymentEvent } from '../../src/payments/record-payment-event';
import type { TestDeps } from '../../src/testing';
import { createTestDeps } from '../../src/testing/test-deps';
import { insertRental, insertUser, insertVehicle } from './booking-fixtures';

/**
 * A rental held and paid through the real capture path (applyGatewayPayment:
 * booking confirmed, capture journal posted), at the deps' clock. Returns what
 * settlements and refunds tests need.
 */
export async function insertPaidRental(
  deps: TestDeps,
  input: { ownerUserId?: string; customerId?: string; provider?: 'sandbox' | 'stripe' | 'payhere'; dayOffset?: number } = {},
): Promise<{ bookingId: string; paymentId: string; ownerUserId: string; customerId: string }> {
  const ownerUserId = input.ownerUserId ?? (await insertUser(deps, ['driver']));
  const customerId = input.customerId ?? (await insertUser(deps));
  const vehicleId = await insertVehicle(deps, ownerUserId);
  const start = new Date(deps.clock.now().getTime() + (input.dayOffset ?? 7) * 86_400_000);
  const bookingId = await insertRental(deps, { customerId, vehicleId, ownerUserId, start, end: new Date(start.getTime() + 86_400_000) });
  const provider = input.provider ?? 'stripe';
  const amountMinor = 1_000_000;
  const feeMinor = gatewayFeeMinor(amountMinor, deps.config.payments.feeRates[provider]);
  const paymentId = await insertPendingIntent(deps, { bookingId, customerId, provider, amountMinor, feeMinor });
  const outcome = await applyGatewayPayment(deps, paymentId, { intentId: paymentId, status: 'succeeded', amountMinor, currency: 'LKR' });
  if (outcome !== 'captured') throw new Error(`fixture payment was ${outcome}`);
  return { bookingId, paymentId, ownerUserId, customerId };
}

/** A pending payment intent for a booking, as initiate leaves it (the gateway has not answered yet). */
export async function insertPendingIntent(
  deps: Pick<TestDeps, 'db' | 'clock'>,
  input: { bookingId: string; customerId: string; provider?: 'sandbox' | 'stripe' | 'payhere'; amountMinor?: number; feeMinor?: number },
): Promise<string> {
  const id = newId();
  const now = deps.clock.now();
  await deps.db.insert(schema.payments).values({
    id,
    purpose: 'booking',
    bookingId: input.bookingId,
    customerId: input.customerId,
    provider: input.provider ?? 'sandbox',
    status: 'pending',
    amountMinor: input.amountMinor ?? 1_000_000,
    currency: 'LKR',
    feeMinor: input.feeMinor ?? 0,
    createdAt: now,
    updatedAt: now,
  });
  return id;
}

/** The partner cancels a paid rental: the customer is owed everything; a pending refund (to the wallet: no gateway payment id) is written. */
export async function cancelByPartner(deps: TestDeps, paid: { bookingId: string; ownerUserId: string }): Promise<string> {
  await cancelBooking(
    deps,
    { userId: paid.ownerUserId, roles: ['customer', 'driver'], sessionId: 'fixture' },
    { bookingId: paid.bookingId, reason: 'vehicle broke down' },
    { ip: null, requestId: null },
  );
  const [refund] = await deps.db.select({ id: schema.refunds.id }).from(schema.refunds).where(eq(schema.refunds.bookingId, paid.bookingId));
  if (!refund) throw new Error('no refund was written');
  return refund.id;
}

/** Core deps with the config's gateways plus Stripe pointed at a fake of its API; the clock at 2026-03-01. */
export async function createStripeTestDeps(env: Record<string, string>): Promise<{ deps: TestDeps; stripe: FakeStripe }> {
  const stripe = await startFakeStripe();
  const config = loadConfig({ NODE_ENV: 'test', ...env });
  const gateways = createGateways({ ...config.payments.gateways, stripe: { ...stripe.config, maxNetworkRetries: 0 } });
  const deps = await createTestDeps({ jobs: 'sender', env, gateways });
  deps.clock.set(new Date('2026-03-01T00:00:00Z'));
  return { deps, stripe };
}

/** What the sandbox's Approve/Decline does: its signed event, through the adapter's verification, into the inbox. */
export async function recordSandboxEvent(
  deps: TestDeps,
  intentId: string,
  amountMinor: number,
  type: 'payment.succeeded' | 'payment.failed' = 'payment.succeeded',
): ReturnType<typeof recordPaymentEvent> {
  const request = sandboxWebhook({
    secret: deps.config.payments.gateways.sandbox.webhookSecret,
    intentId,
    amountMinor,
    currency: 'LKR',
    type,
    now: deps.clock.now(),
  });
  const event = await deps.gateways.sandbox.verifyWebhook(request, deps.clock.now());
  if (!event) throw new Error('sandbox event ignored');
  return recordPaymentEvent(deps, 'sandbox', event);
}

/** A platform-wide partner endpoint listening to `events`, made at the deps' clock (disable it when done: later events would be announced to it). */
export async function insertListeningEndpoint(deps: Pick<TestDeps, 'database' | 'clock'>, events: string[]): Promise<string> {
  const id = newId();
  const now = deps.clock.now().toISOString();
  await deps.database.sql`
    insert into webhook_endpoints (id, url, events, secret_sealed, status, created_at, updated_at)
    values (${id}, 'http://127.0.0.1:9/hook', ${events}, 'sealed', 'active', ${now}::timestamptz, ${now}::timestamptz)`;
  return id;
}

/** A wallet credited by a top-up's journal (as the capture path posts it, fee 0), at the deps' clock. */
export async function creditWallet(deps: Pick<TestDeps, 'db' | 'clock'>, customerId: string, amountMinor: number): Promise<void> {
  await withTransaction(deps.db, (tx) =>
    postJournal(tx, {
      kind: 'top_up',
      reference: newId(),
      currency: 'LKR',
      at: deps.clock.now(),
      lines: topUpPostings({ provider: 'sandbox', amountMinor, feeMinor: 0, customerId }),
    }),
  );
}
