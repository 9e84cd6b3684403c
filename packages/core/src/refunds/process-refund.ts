import { schema, withTransaction } from '@fareway/db';
import { type GatewayProvider, type RefundDestination, refundPostings, refundSplit, statusAfterRefunds } from '@fareway/domain';
import { isGatewayError, pickGateway } from '@fareway/gateways';
import { and, eq, sql } from 'drizzle-orm';
import type { Deps } from '../deps';
import { postJournal } from '../ledger/post-journal';
import { queueNotification } from '../notifications/queue-notification';
import { partnerOf } from '../payments/write-capture';
import { emitRefundEvent } from '../webhooks/emit-partner-event';

export type RefundOutcome = 'succeeded' | 'failed' | 'skipped';

/**
 * The `process-refunds` job: executes one refund. Through the
 * original gateway (adapter.refund, OUTSIDE any transaction, with the refund's
 * id as idempotency key so a retry never refunds twice where the gateway
 * honours keys), or to the customer's wallet. A gateway without a refund API
 * (MintPay), or a payment without a gateway payment id, refunds to the wallet.
 * Transient gateway trouble rethrows (pg-boss retries with backoff); a clear
 * refusal marks the refund failed (it then no longer counts against the capture).
 * Then ONE transaction posts the refund journal and settles the payment's status.
 */
export async function processRefund(
  deps: Pick<Deps, 'db' | 'clock' | 'config' | 'gateways' | 'jobs' | 'log'>,
  input: { refundId: string },
): Promise<RefundOutcome> {
  const [refund] = await deps.db.select().from(schema.refunds).where(eq(schema.refunds.id, input.refundId)).limit(1);
  if (refund?.status !== 'pending') return 'skipped';
  const [payment] = await deps.db.select().from(schema.payments).where(eq(schema.payments.id, refund.paymentId)).limit(1);
  if (!payment) throw new Error(`refund ${refund.id} has no payment`);

  let destination = refund.destination;
  let providerRefundId: string | null = null;
  if (destination === 'gateway') {
    if (payment.provider === 'wallet' || !payment.providerPaymentId) {
      deps.log.warn({ refundId: refund.id, paymentId: payment.id }, 'no gateway payment to refund against; refunding to the wallet');
      destination = 'wallet';
    } else {
      try {
        const result = await pickGateway(deps.gateways, payment.provider).refund({
          providerPaymentId: payment.providerPaymentId,
          amountMinor: refund.amountMinor,
          currency: refund.currency,
          refundKey: refund.id,
          reason: refund.reason,
        });
        providerRefundId = result.refundId;
      } catch (error) {
        if (isGatewayError(error) && error.kind === 'unsupported') {
          destination = 'wallet';
        } else {
          const final = isGatewayError(error) && !error.retryable;
          await withTransaction(deps.db, async (tx) => {
            const now = deps.clock.now();
            const [recorded] = await tx
              .update(schema.refunds)
              .set({
                attempts: sql`${schema.refunds.attempts} + 1`,
                lastError: error instanceof Error ? error.message.slice(0, 500) : String(error),
                updatedAt: now,
                ...(final ? { status: 'failed' as const } : {}),
              })
              .where(and(eq(schema.refunds.id, refund.id), eq(schema.refunds.status, 'pending')))
              .returning();
            if (recorded && final) await emitRefundEvent(tx, 'refund.failed', recorded, now);
          });
          if (!final) throw error;
          deps.log.error({ err: error, refundId: refund.id }, 'gateway refused a refund; it needs a person');
          return 'failed';
        }
      }
    }
  }

  return withTransaction(deps.db, async (tx) => {
    const now = deps.clock.now();
    const [locked] = await tx.select().from(schema.refunds).where(eq(schema.refunds.id, refund.id)).for('update');
    if (locked?.status !== 'pending') return 'skipped' as const;
    const [paid] = await tx.select().from(schema.payments).where(eq(schema.payments.id, payment.id)).for('update');
    if (!paid) throw new Error('payment vanished');
    const [done] = await tx
      .select({ total: sql<string>`coalesce(sum(${schema.refunds.amountMinor}), 0)::text` })
      .from(schema.refunds)
      .where(and(eq(schema.refunds.paymentId, paid.id), eq(schema.refunds.status, 'succeeded')));
    const refundedBefore = Number(done?.total ?? 0);

    let source: Parameters<typeof refundPostings>[0]['source'];
    if (locked.reason === 'orphan') {
      source = { kind: 'orphan' };
    } else {
      const [booking] = paid.bookingId ? await tx.select().from(schema.bookings).where(eq(schema.bookings.id, paid.bookingId)) : [];
      if (!booking) throw new Error(`refund ${locked.id}: sale refund without a booking`);
      const split = refundSplit({
        refundMinor: locked.amountMinor,
        alreadyRefundedMinor: refundedBefore,
        paidMinor: paid.capturedMinor,
        commissionMinor: Math.min(booking.commissionMinor, paid.capturedMinor),
      });
      source = { kind: 'sale', commissionMinor: split.commissionMinor, partner: partnerOf(booking) };
    }
    const to: RefundDestination =
      destination === 'gateway'
        ? { kind: 'gateway', provider: paid.provider as GatewayProvider }
        : { kind: 'wallet', customerId: paid.customerId };
    await postJournal(tx, {
      kind: 'refund',
      reference: locked.id,
      currency: locked.currency,
      at: now,
      lines: refundPostings({ amountMinor: locked.amountMinor, source, destination: to }),
    });
    const [succeeded] = await tx
      .update(schema.refunds)
      .set({
        status: 'succeeded',
        destination,
        providerRefundId,
        attempts: locked.attempts + 1,
        lastError: null,
        completedAt: now,
        updatedAt: now,
      })
      .where(eq(schema.refunds.id, locked.id))
      .returning();
    if (succeeded) await emitRefundEvent(tx, 'refund.succeeded', succeeded, now);
    await tx
      .update(schema.payments)
      .set({ status: statusAfterRefunds(paid.capturedMinor, refundedBefore + locked.amountMinor), updatedAt: now })
      .where(eq(schema.payments.id, paid.id));
    await queueNotification(tx, deps, {
      userId: paid.customerId,
      key: `refund.issued:${locked.id}`,
      template: 'refund.issued',
      data: { amountMinor: locked.amountMinor, currency: locked.currency, bookingId: paid.bookingId, toWallet: destination === 'wallet' },
    });
    return 'succeeded' as const;
  });
}
