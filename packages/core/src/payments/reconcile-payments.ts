import { schema } from '@fareway/db';
import type { GatewayPayment } from '@fareway/gateways';
import { queues } from '@fareway/jobs';
import { and, asc, eq, inArray, lt, ne } from 'drizzle-orm';
import type { Deps } from '../deps';
import { applyGatewayPayment, type PaymentOutcome } from './apply-gateway-payment';

/** A pending refund untouched this long lost its job (retries used up, or a crash): queue it again. */
const STUCK_REFUND_MS = 60 * 60_000;

/**
 * The `reconcile-payments` job (cron): intents stuck in initiated/pending past
 * PAYMENT_RECONCILE_AFTER_MINUTES are looked up at their gateway (outside any
 * transaction) and settled either way — captured (and confirmed, or refunded
 * if the booking is gone) or failed. A gateway with no record of the payment,
 * or no status API (the sandbox, whose signed event never came), means nobody
 * paid: the intent fails; a payment that still arrives later is recorded all
 * the same (a late success wins in the state machine). `intentIds` reconciles
 * those intents now, whatever their age (an operator's "check again").
 */
export async function reconcilePayments(
  deps: Pick<Deps, 'db' | 'clock' | 'jobs' | 'log' | 'gateways' | 'config'>,
  input: { intentIds?: string[]; limit?: number } = {},
): Promise<{ checked: number; outcomes: Record<string, number>; refundsRequeued: number }> {
  const now = deps.clock.now();
  const cutoff = new Date(now.getTime() - deps.config.payments.reconcileAfterMinutes * 60_000);
  const stuck = await deps.db
    .select()
    .from(schema.payments)
    .where(
      and(
        inArray(schema.payments.status, ['initiated', 'pending']),
        ne(schema.payments.provider, 'wallet'),
        input.intentIds ? inArray(schema.payments.id, input.intentIds) : lt(schema.payments.updatedAt, cutoff),
      ),
    )
    .orderBy(asc(schema.payments.updatedAt))
    .limit(input.limit ?? 100);
  const outcomes: Record<string, number> = {};
  for (const intent of stuck) {
    const gateway = deps.gateways[intent.provider as keyof typeof deps.gateways];
    if (!gateway) continue;
    let news: GatewayPayment | null;
    try {
      news = await gateway.fetchStatus({
        intentId: intent.id,
        amountMinor: intent.amountMinor,
        currency: intent.currency,
        ...(intent.providerReference ? { providerReference: intent.providerReference } : {}),
        ...(intent.providerPaymentId ? { providerPaymentId: intent.providerPaymentId } : {}),
      });
    } catch (error) {
      deps.log.warn({ err: error, intentId: intent.id }, 'reconciliation could not reach the gateway; next run');
      continue;
    }
    let outcome: PaymentOutcome;
    if (news && news.status !== 'pending') {
      outcome = await applyGatewayPayment(deps, intent.id, news);
    } else if (!news) {
      outcome = await applyGatewayPayment(deps, intent.id, {
        intentId: intent.id,
        status: 'failed',
        amountMinor: intent.amountMinor,
        currency: intent.currency,
      });
    } else {
      // Still pending at the gateway: look again after another threshold.
      await deps.db.update(schema.payments).set({ updatedAt: now }).where(eq(schema.payments.id, intent.id));
      outcome = 'pending';
    }
    outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
  }

  const refunds = await deps.db
    .select({ id: schema.refunds.id })
    .from(schema.refunds)
    .where(and(eq(schema.refunds.status, 'pending'), lt(schema.refunds.updatedAt, new Date(now.getTime() - STUCK_REFUND_MS))))
    .limit(100);
  for (const refund of refunds) {
    await deps.db.update(schema.refunds).set({ updatedAt: now }).where(eq(schema.refunds.id, refund.id));
    await deps.jobs.send(undefined, queues.processRefunds, { refundId: refund.id });
  }
  return { checked: stuck.length, outcomes, refundsRequeued: refunds.length };
}
