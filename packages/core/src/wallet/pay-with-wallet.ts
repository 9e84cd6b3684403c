import { newId, schema, withTransaction } from '@fareway/db';
import { AppError, decidePaymentTransition, ledgerAccounts, walletPaymentPostings } from '@fareway/domain';
import { and, eq, inArray } from 'drizzle-orm';
import { type RequestOrigin, recordAudit } from '../audit/record-audit';
import { lockBooking } from '../bookings/booking-locks';
import { confirmBookingInTransaction } from '../bookings/confirm-booking';
import type { Deps } from '../deps';
import type { Actor } from '../identity/users';
import { accountBalance, lockAccount, postJournal } from '../ledger/post-journal';
import { assertPayableHold } from '../payments/assert-payable-hold';
import { partnerOf } from '../payments/write-capture';
import { emitPaymentEvent } from '../webhooks/emit-partner-event';

export interface WalletPaymentResult {
  id: string;
  status: 'completed';
  /** The ledger journal that moved the money. */
  transactionId: string;
  bookingId: string;
}

/**
 * `POST /payments/process {bookingId, method: "wallet"}` (seed 000 §2.2): in ONE
 * transaction — the booking's locks (inventory, then the row), the wallet
 * account's row lock (two spends from one wallet queue, so the balance check
 * holds), the balance check (402 INSUFFICIENT_BALANCE), the payment, the
 * journal and the confirmation. Any failure rolls all of it back.
 */
export async function payWithWallet(
  deps: Deps,
  actor: Actor,
  input: { bookingId: string },
  origin: RequestOrigin,
): Promise<WalletPaymentResult> {
  return withTransaction(deps.db, async (tx) => {
    const now = deps.clock.now();
    const booking = await lockBooking(tx, input.bookingId);
    if (!booking || booking.customerId !== actor.userId) throw new AppError('BOOKING_NOT_FOUND', 'No such booking');
    assertPayableHold(booking, now);
    const currency = deps.config.payments.walletCurrency;
    if (booking.currency !== currency) {
      throw new AppError('VALIDATION_ERROR', `The wallet pays in ${currency}; this booking is in ${booking.currency}`);
    }
    if (booking.totalMinor <= 0) throw new AppError('VALIDATION_ERROR', 'Nothing to pay for this booking');

    const wallet = ledgerAccounts.customerWallet(actor.userId);
    await lockAccount(tx, wallet.code, currency, wallet.kind, now);
    const balanceMinor = 0 - (await accountBalance(tx, wallet.code, currency));
    if (balanceMinor < booking.totalMinor) {
      throw new AppError('INSUFFICIENT_BALANCE', 'Insufficient wallet balance. Please top up.', {
        details: { balanceMinor, requiredMinor: booking.totalMinor, currency },
      });
    }

    // A gateway checkout left open is superseded; if it is paid anyway, that capture is refunded.
    const active = await tx
      .select()
      .from(schema.payments)
      .where(and(eq(schema.payments.bookingId, booking.id), inArray(schema.payments.status, ['initiated', 'pending'])))
      .for('update');
    for (const intent of active) {
      await tx
        .update(schema.payments)
        .set({
          status: decidePaymentTransition(intent.status, 'superseded').to,
          failureReason: 'superseded',
          failedAt: now,
          updatedAt: now,
        })
        .where(eq(schema.payments.id, intent.id));
    }

    const id = newId();
    const [payment] = await tx
      .insert(schema.payments)
      .values({
        id,
        purpose: 'booking',
        bookingId: booking.id,
        customerId: actor.userId,
        provider: 'wallet',
        method: 'wallet',
        status: 'completed',
        amountMinor: booking.totalMinor,
        currency,
        feeMinor: 0,
        capturedMinor: booking.totalMinor,
        createdAt: now,
        updatedAt: now,
        completedAt: now,
      })
      .returning();
    if (!payment) throw new Error('payment insert returned nothing');
    await emitPaymentEvent(tx, 'payment.succeeded', payment, now);
    await confirmBookingInTransaction(
      tx,
      deps,
      { bookingId: booking.id, paidMinor: booking.totalMinor, actorUserId: actor.userId },
      origin,
    );
    const journalId = await postJournal(tx, {
      kind: 'wallet_payment',
      reference: id,
      currency,
      at: now,
      lines: walletPaymentPostings({
        amountMinor: booking.totalMinor,
        commissionMinor: booking.commissionMinor,
        customerId: actor.userId,
        partner: partnerOf(booking),
      }),
    });
    if (!journalId) throw new Error('a new payment cannot have a journal already');
    await recordAudit(tx, now, origin, {
      actorUserId: actor.userId,
      action: 'payment.captured',
      subjectType: 'payment',
      subjectId: id,
      after: { provider: 'wallet', bookingId: booking.id, amountMinor: booking.totalMinor, currency },
    });
    return { id, status: 'completed' as const, transactionId: journalId, bookingId: booking.id };
  });
}
