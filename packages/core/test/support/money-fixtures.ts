import { newId, schema } from '@fareway/db';
import { gatewayFeeMinor } from '@fareway/domain';
import { eq } from 'drizzle-orm';
import { cancelBooking } from '../../src/bookings/cancel-booking';
import { applyGatewayPayment } from '../../src/payments/apply-gateway-payment';
import type { TestDeps } from '../../src/testing';
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
