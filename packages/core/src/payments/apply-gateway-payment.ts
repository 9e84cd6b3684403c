import { schema, type Transaction, withTransaction } from '@fareway/db';
import {
  decidePaymentTransition,
  findAppError,
  type GatewayProvider,
  orphanCapturePostings,
  type PaymentEvent,
  topUpPostings,
} from '@fareway/domain';
import type { GatewayPayment } from '@fareway/gateways';
import { eq } from 'drizzle-orm';
import { type RequestOrigin, recordAudit, SYSTEM_ORIGIN } from '../audit/record-audit';
import { lockBooking } from '../bookings/booking-locks';
import { confirmBookingInTransaction } from '../bookings/confirm-booking';
import type { BookingRow } from '../bookings/public-booking';
import type { Deps } from '../deps';
import { postJournal } from '../ledger/post-journal';
import { queueNotification } from '../notifications/queue-notification';
import { createRefundInTransaction } from '../refunds/create-refund';
import { emitPaymentEvent } from '../webhooks/emit-partner-event';
import type { PaymentRow } from './public-payment';
import { captureJournal, writeCapture } from './write-capture';

export type PaymentOutcome = 'captured' | 'orphaned' | 'failed' | 'pending' | 'ignored' | 'mismatch' | 'reversed' | 'unknown_intent';

const EVENT_OF: Record<GatewayPayment['status'], PaymentEvent | null> = {
  pending: 'gateway_pending',
  succeeded: 'gateway_succeeded',
  failed: 'gateway_failed',
  // Money that does not match the intent, or went back at the gateway: never a state change by itself.
  mismatch: null,
  reversed: null,
};

/**
 * Applies what a gateway says about one intent, in ONE transaction: the
 * booking's locks (inventory, then the booking row — the same order as
 * initiate and confirm), then the intent's row; the domain's state machine
 * decides; a capture confirms the booking and posts its journal together.
 *
 * A capture whose booking cannot be confirmed (the hold lapsed and the
 * inventory is gone, it was cancelled, or another payment already paid it) is
 * rolled back to a savepoint and recorded as an orphaned capture instead: its
 * journal parks the money in refunds_payable, a full refund is created and
 * queued, and the customer is told. Never a confirmed booking without
 * inventory, never money kept without a booking.
 *
 * Stale, duplicate and out-of-order news changes nothing (outcome `ignored`).
 * The caller has already talked to the gateway: nothing here does I/O but SQL.
 */
export async function applyGatewayPayment(
  deps: Pick<Deps, 'db' | 'clock' | 'config' | 'jobs' | 'log'>,
  intentId: string,
  news: GatewayPayment,
  options: { eventRowId?: string; origin?: RequestOrigin } = {},
): Promise<PaymentOutcome> {
  const origin = options.origin ?? SYSTEM_ORIGIN;
  return withTransaction(deps.db, async (tx) => {
    // The common case (money for a live hold) in one read and one write, the event marked with it.
    const fast = await writeCapture(tx, deps, {
      intentId,
      news,
      origin,
      ...(options.eventRowId ? { eventRowId: options.eventRowId } : {}),
    });
    if (fast) return fast;
    const outcome = await decideAndApply(tx);
    // Marked in the same transaction: an event is processed exactly when its effect is committed.
    if (options.eventRowId) {
      await tx
        .update(schema.paymentEvents)
        .set({ processedAt: deps.clock.now(), outcome })
        .where(eq(schema.paymentEvents.id, options.eventRowId));
    }
    return outcome;
  });

  async function decideAndApply(tx: Transaction): Promise<PaymentOutcome> {
    const now = deps.clock.now();
    const [peek] = await tx.select().from(schema.payments).where(eq(schema.payments.id, intentId)).limit(1);
    if (!peek) return 'unknown_intent' as const;
    const booking: BookingRow | undefined = peek.bookingId ? await lockBooking(tx, peek.bookingId) : undefined;
    const [intent] = await tx.select().from(schema.payments).where(eq(schema.payments.id, intentId)).for('update');
    if (!intent) return 'unknown_intent' as const;

    const event = EVENT_OF[news.status];
    if (!event) {
      // Security/money: captured money that differs from the intent is never confirmed; people must look at it.
      deps.log.error({ intentId, news }, `gateway reports ${news.status} for a payment intent; left for review`);
      await recordAudit(tx, now, origin, {
        actorUserId: null,
        action: `payment.${news.status}`,
        subjectType: 'payment',
        subjectId: intentId,
        after: { status: news.status, amountMinor: news.amountMinor, currency: news.currency },
      });
      return news.status === 'mismatch' ? ('mismatch' as const) : ('reversed' as const);
    }
    const decision = decidePaymentTransition(intent.status, event);
    if (!decision.apply) return 'ignored' as const;
    if (!decision.capture) {
      const [moved] = await tx
        .update(schema.payments)
        .set({
          status: decision.to,
          updatedAt: now,
          ...(decision.to === 'failed' ? { failedAt: now, failureReason: 'declined' } : {}),
        })
        .where(eq(schema.payments.id, intentId))
        .returning();
      if (decision.to !== 'failed') return 'pending' as const;
      if (moved) await emitPaymentEvent(tx, 'payment.failed', moved, now);
      await queueNotification(tx, deps, {
        userId: intent.customerId,
        key: `payment.failed:${intent.id}`,
        template: 'payment.failed',
        data: { amountMinor: intent.amountMinor, currency: intent.currency, bookingId: intent.bookingId },
      });
      return 'failed' as const;
    }

    const [captured] = await tx
      .update(schema.payments)
      .set({
        status: 'completed',
        capturedMinor: intent.amountMinor,
        providerPaymentId: news.providerPaymentId ?? intent.providerPaymentId,
        completedAt: now,
        updatedAt: now,
        failureReason: null,
      })
      .where(eq(schema.payments.id, intentId))
      .returning();
    if (!captured) throw new Error('locked payment vanished');
    await emitPaymentEvent(tx, 'payment.succeeded', captured, now);
    const provider = intent.provider as GatewayProvider;
    await recordAudit(tx, now, origin, {
      actorUserId: null,
      action: 'payment.captured',
      subjectType: 'payment',
      subjectId: intentId,
      before: { status: intent.status },
      after: { status: 'completed', amountMinor: intent.amountMinor, currency: intent.currency },
    });

    if (intent.purpose === 'top_up') {
      await postJournal(tx, {
        kind: 'top_up',
        reference: intent.id,
        currency: intent.currency,
        at: now,
        lines: topUpPostings({ provider, amountMinor: intent.amountMinor, feeMinor: intent.feeMinor, customerId: intent.customerId }),
      });
      return 'captured' as const;
    }

    if (!booking) throw new Error(`payment ${intent.id} has no booking`);
    try {
      // A savepoint: if the inventory is gone, only the confirmation rolls back.
      await withTransaction(tx, (savepoint) =>
        confirmBookingInTransaction(savepoint, deps, { bookingId: intent.bookingId as string, paidMinor: intent.amountMinor }, origin),
      );
    } catch (error) {
      const refused = findAppError(error);
      if (!refused) throw error;
      await orphanCapture(tx, deps, captured, refused.code, now);
      return 'orphaned' as const;
    }
    await postJournal(tx, captureJournal(intent, booking, now));
    return 'captured' as const;
  }
}

async function orphanCapture(
  tx: Transaction,
  deps: Pick<Deps, 'clock' | 'config' | 'jobs' | 'log'>,
  payment: PaymentRow,
  reason: string,
  now: Date,
): Promise<void> {
  deps.log.warn(
    { paymentId: payment.id, bookingId: payment.bookingId, reason },
    'captured payment could not confirm its booking; refunding',
  );
  await tx
    .update(schema.payments)
    .set({ orphanedAt: now, failureReason: `orphaned:${reason}` })
    .where(eq(schema.payments.id, payment.id));
  await postJournal(tx, {
    kind: 'orphan_capture',
    reference: payment.id,
    currency: payment.currency,
    at: now,
    lines: orphanCapturePostings({
      provider: payment.provider as GatewayProvider,
      amountMinor: payment.amountMinor,
      feeMinor: payment.feeMinor,
    }),
  });
  await createRefundInTransaction(tx, deps, { payment, amountMinor: payment.amountMinor, reason: 'orphan', at: now });
  await queueNotification(tx, deps, {
    userId: payment.customerId,
    key: `payment.orphan_refund:${payment.id}`,
    template: 'payment.orphan_refund',
    data: { amountMinor: payment.amountMinor, currency: payment.currency, bookingId: payment.bookingId },
  });
}
