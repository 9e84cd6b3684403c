import { newId, schema, withTransaction } from '@fareway/db';
import { AppError, decidePaymentTransition, type GatewayProvider, gatewayFeeMinor } from '@fareway/domain';
import { and, eq, inArray } from 'drizzle-orm';
import { type RequestOrigin, recordAudit } from '../audit/record-audit';
import { lockBooking } from '../bookings/booking-locks';
import type { Deps } from '../deps';
import type { Actor } from '../identity/users';
import { assertPayableHold } from './assert-payable-hold';
import { gatewayFor } from './gateway-for';
import { type PaymentRow, type PublicPayment, toPublicPayment } from './public-payment';
import { returnUrlFor, startCheckout } from './start-checkout';

export interface InitiatePaymentInput {
  bookingId: string;
  provider: GatewayProvider;
  method?: string;
  returnUrl?: string;
}

/** An intent still `initiated` this long after it was written lost its process before the gateway answered. */
const ABANDONED_INITIATE_MS = 60_000;

/**
 * `POST /payments/initiate`: starts paying a held booking through a gateway.
 *
 * Transaction 1 (here): the booking's owner, a live hold; the hold is extended
 * once (PAYMENT_HOLD_EXTENSION_MINUTES from now, never shortened) so a slow
 * gateway page does not lose the seat; the intent is written `initiated`.
 * Then `startCheckout` asks the gateway outside any transaction and stores
 * the answer in transaction 2.
 *
 * One active intent per booking: a second initiate with the SAME provider
 * returns the active intent as it is (its checkout is still good — a retry or
 * a second tab must not open a second charge); with ANOTHER provider the
 * active one is superseded (failed) and a new one starts. A superseded intent
 * that is paid anyway is still recorded: it confirms the booking if nothing
 * else did, or is refunded automatically (process-payment-event).
 */
export async function initiatePayment(
  deps: Deps,
  actor: Actor,
  input: InitiatePaymentInput,
  origin: RequestOrigin,
): Promise<PublicPayment> {
  gatewayFor(deps, input.provider);
  const now = deps.clock.now();
  const started = await withTransaction(deps.db, async (tx) => {
    const booking = await lockBooking(tx, input.bookingId);
    // Only the customer pays for their booking; anyone else is told it does not exist.
    if (!booking || booking.customerId !== actor.userId) throw new AppError('BOOKING_NOT_FOUND', 'No such booking');
    assertPayableHold(booking, now);
    if (booking.totalMinor <= 0) throw new AppError('VALIDATION_ERROR', 'Nothing to pay for this booking');

    const active = await tx
      .select()
      .from(schema.payments)
      .where(and(eq(schema.payments.bookingId, booking.id), inArray(schema.payments.status, ['initiated', 'pending'])))
      .for('update');
    for (const intent of active) {
      const abandoned = intent.status === 'initiated' && now.getTime() - intent.createdAt.getTime() > ABANDONED_INITIATE_MS;
      if (intent.provider === input.provider && !abandoned) return { reused: intent };
      const decision = decidePaymentTransition(intent.status, 'superseded');
      await tx
        .update(schema.payments)
        .set({ status: decision.to, failureReason: abandoned ? 'abandoned' : 'superseded', failedAt: now, updatedAt: now })
        .where(eq(schema.payments.id, intent.id));
    }

    // Extend the hold once, bounded: to at most N minutes from now, never shorter than it was.
    const extensionMs = deps.config.payments.holdExtensionMinutes * 60_000;
    if (!booking.holdExtendedAt && extensionMs > 0 && now.getTime() + extensionMs > booking.expiresAt.getTime()) {
      const expiresAt = new Date(now.getTime() + extensionMs);
      await tx.update(schema.bookings).set({ expiresAt, holdExtendedAt: now, updatedAt: now }).where(eq(schema.bookings.id, booking.id));
      await recordAudit(tx, now, origin, {
        actorUserId: actor.userId,
        action: 'booking.hold_extended',
        subjectType: 'booking',
        subjectId: booking.id,
        before: { expiresAt: booking.expiresAt.toISOString() },
        after: { expiresAt: expiresAt.toISOString() },
      });
    }

    const id = newId();
    const [intent] = await tx
      .insert(schema.payments)
      .values({
        id,
        purpose: 'booking',
        bookingId: booking.id,
        customerId: actor.userId,
        provider: input.provider,
        method: input.method ?? null,
        status: 'initiated',
        amountMinor: booking.totalMinor,
        currency: booking.currency,
        // Money: the gateway's cut, decided once here from the configured rate; it is a line of the capture journal.
        feeMinor: gatewayFeeMinor(booking.totalMinor, deps.config.payments.feeRates[input.provider]),
        returnUrl: returnUrlFor(deps, id, input.returnUrl),
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!intent) throw new Error('insert returned nothing');
    await recordAudit(tx, now, origin, {
      actorUserId: actor.userId,
      action: 'payment.initiated',
      subjectType: 'payment',
      subjectId: id,
      after: { bookingId: booking.id, provider: input.provider, amountMinor: intent.amountMinor, currency: intent.currency },
    });
    return { created: intent, kind: booking.kind };
  });
  if ('reused' in started) return toPublicPayment(started.reused as PaymentRow);
  const description = started.kind === 'rental' ? 'Fareway vehicle rental' : 'Fareway bus seats';
  return startCheckout(deps, started.created, description);
}
