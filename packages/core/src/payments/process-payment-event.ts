import { schema } from '@fareway/db';
import { type GatewayPayment, matchIntent, pickGateway } from '@fareway/gateways';
import { eq, sql } from 'drizzle-orm';
import type { Deps } from '../deps';
import { applyGatewayPayment, type PaymentOutcome } from './apply-gateway-payment';

const UUID_PATTERN = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';
const DECISIVE: GatewayPayment['status'][] = ['succeeded', 'failed', 'mismatch', 'reversed'];

/**
 * The `process-payment-event` job: one recorded webhook event.
 *
 * 1. Re-checks with the gateway where it can (`fetchStatus`: MintPay and
 *    Flutterwave require it — their callbacks prove nothing by themselves —
 *    Stripe retrieves the PaymentIntent, PayHere its retrieval API), OUTSIDE any
 *    transaction. A decisive answer from the gateway wins over the event; an
 *    authentic event (signed: sandbox, PayHere, Stripe) stands when the
 *    gateway has no status API, no record yet, or does not answer.
 * 2. Applies the result in ONE transaction (applyGatewayPayment).
 *
 * Idempotent: a processed event is skipped, and the state machine ignores news
 * the intent already has — the job may die anywhere and run again.
 */
export async function processPaymentEvent(
  deps: Pick<Deps, 'db' | 'clock' | 'config' | 'jobs' | 'log' | 'gateways'>,
  input: { eventId: string },
): Promise<PaymentOutcome | 'skipped'> {
  // The event and its intent in one read (an intent reference that is no UUID of ours finds none).
  const [found] = await deps.db
    .select({ event: schema.paymentEvents, intent: schema.payments })
    .from(schema.paymentEvents)
    .leftJoin(
      schema.payments,
      sql`${schema.payments.id} = case when ${schema.paymentEvents.intentRef} ~* ${UUID_PATTERN} then ${schema.paymentEvents.intentRef}::uuid end`,
    )
    .where(eq(schema.paymentEvents.id, input.eventId))
    .limit(1);
  const event = found?.event;
  if (!event || event.processedAt) return 'skipped';
  const intent = found.intent;
  if (!intent || intent.provider !== event.provider) {
    deps.log.warn({ eventId: event.id, provider: event.provider, intentRef: event.intentRef }, 'payment event for no intent of ours');
    await markProcessed(deps, event.id, 'unknown_intent');
    return 'unknown_intent';
  }

  const gateway = pickGateway(deps.gateways, intent.provider);
  let checked: GatewayPayment | null = null;
  try {
    checked = await gateway.fetchStatus({
      intentId: intent.id,
      amountMinor: intent.amountMinor,
      currency: intent.currency,
      ...(intent.providerReference ? { providerReference: intent.providerReference } : {}),
      ...(event.providerPaymentId ? { providerPaymentId: event.providerPaymentId } : {}),
    });
  } catch (error) {
    // A hint-only event cannot be acted on without the gateway: retry the job later.
    if (event.needsConfirmation) throw error;
    deps.log.warn({ err: error, eventId: event.id }, 'gateway status check failed; acting on the signed event');
  }

  let news: GatewayPayment;
  if (checked && (DECISIVE.includes(checked.status) || event.needsConfirmation)) {
    news = { ...checked, providerPaymentId: checked.providerPaymentId ?? event.providerPaymentId ?? undefined };
  } else if (event.needsConfirmation || checked) {
    // Hint-only event and the gateway has no record yet; or (issue 17) the gateway answered and does
    // not confirm what the signed event claims (Stripe still "processing"): believe the gateway, take
    // no money on the event's word, and let reconciliation ask again. A signed event stands alone
    // only when the gateway could not be asked or keeps no record (the sandbox, PayHere before it indexes).
    await markProcessed(deps, event.id, 'unconfirmed');
    return 'pending';
  } else {
    news = matchIntent(
      {
        intentId: event.intentRef,
        status: event.status as GatewayPayment['status'],
        amountMinor: event.amountMinor,
        currency: event.currency,
        ...(event.providerPaymentId ? { providerPaymentId: event.providerPaymentId } : {}),
      },
      { intentId: intent.id, amountMinor: intent.amountMinor, currency: intent.currency },
    );
  }
  return applyGatewayPayment(deps, intent.id, news, { eventRowId: event.id });
}

async function markProcessed(deps: Pick<Deps, 'db' | 'clock'>, eventId: string, outcome: string): Promise<void> {
  await deps.db.update(schema.paymentEvents).set({ processedAt: deps.clock.now(), outcome }).where(eq(schema.paymentEvents.id, eventId));
}
