import { schema, withTransaction } from '@fareway/db';
import { type GatewayPayment, matchIntent, pickGateway } from '@fareway/gateways';
import { eq, inArray, sql } from 'drizzle-orm';
import { SYSTEM_ORIGIN } from '../audit/record-audit';
import type { Deps } from '../deps';
import { applyGatewayPayment, type PaymentOutcome } from './apply-gateway-payment';
import type { PaymentRow } from './public-payment';
import { type CaptureInput, writeCaptures } from './write-capture';

const UUID_PATTERN = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';
const DECISIVE: GatewayPayment['status'][] = ['succeeded', 'failed', 'mismatch', 'reversed'];

export type EventOutcome = PaymentOutcome | 'skipped';

type Found = { event: typeof schema.paymentEvents.$inferSelect; intent: PaymentRow | null };
/** What one event comes to before anything is written: an outcome already, or news to apply to its intent. */
type Step = { done: EventOutcome } | { apply: CaptureInput };

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
): Promise<EventOutcome> {
  const [result] = await processPaymentEvents(deps, { eventIds: [input.eventId] });
  if (result?.status === 'rejected') throw result.reason;
  return result?.value ?? 'skipped';
}

/**
 * A fetched batch of `process-payment-event` jobs (issue 11: the queue cost as much
 * as the work), each event as processPaymentEvent decides it, with the shared work
 * done once: one read of every event with its intent, the gateway checks at once,
 * and the captures of live holds — nearly all of them — written together in ONE
 * transaction (writeCaptures: four statements for the batch). Everything else
 * (failures, top-ups, orphans, a second event for an intent already in the batch)
 * is applied one event per transaction, after.
 *
 * One result per event id, in order: a failing event never fails or retries its
 * neighbours. Should the batch's transaction fail (a deadlock, a constraint, a
 * journal out of balance at commit), it left nothing and each of its events is
 * applied on its own, so the failure stays with the event that causes it. Exactly
 * once as the single job is: an event is marked processed in the transaction that
 * applies it, and a processed event is skipped.
 */
export async function processPaymentEvents(
  deps: Pick<Deps, 'db' | 'clock' | 'config' | 'jobs' | 'log' | 'gateways'>,
  input: { eventIds: readonly string[] },
): Promise<PromiseSettledResult<EventOutcome>[]> {
  const found = await loadEvents(deps, input.eventIds);
  const steps = await Promise.allSettled(
    // The same event twice in one batch is decided once.
    input.eventIds.map((id, i) => (input.eventIds.indexOf(id) < i ? { done: 'skipped' as const } : decide(deps, found.get(id)))),
  );
  const together = steps.flatMap((step) => (step.status === 'fulfilled' && 'apply' in step.value ? [step.value.apply] : []));
  let captured = new Set<CaptureInput>();
  if (together.length > 1) {
    try {
      captured = await withTransaction(deps.db, (tx) => writeCaptures(tx, deps, together));
    } catch (error) {
      deps.log.warn({ err: error, events: together.length }, 'batched captures rolled back; applying the events one at a time');
    }
  }
  return Promise.allSettled(
    steps.map(async (step) => {
      if (step.status === 'rejected') throw step.reason;
      if ('done' in step.value) return step.value.done;
      const news = step.value.apply;
      if (captured.has(news)) return 'captured' as const;
      return applyGatewayPayment(deps, news.intentId, news.news, { ...(news.eventRowId ? { eventRowId: news.eventRowId } : {}) });
    }),
  );
}

/** The events and their intents in one read (an intent reference that is no UUID of ours finds none). */
async function loadEvents(deps: Pick<Deps, 'db'>, eventIds: readonly string[]): Promise<Map<string, Found>> {
  if (eventIds.length === 0) return new Map();
  const rows = await deps.db
    .select({ event: schema.paymentEvents, intent: schema.payments })
    .from(schema.paymentEvents)
    .leftJoin(
      schema.payments,
      sql`${schema.payments.id} = case when ${schema.paymentEvents.intentRef} ~* ${UUID_PATTERN} then ${schema.paymentEvents.intentRef}::uuid end`,
    )
    .where(inArray(schema.paymentEvents.id, [...eventIds]));
  return new Map(rows.map((row) => [row.event.id, row]));
}

/** One event: skipped, settled without an intent, or the news to apply (from the gateway where it can say). */
async function decide(deps: Pick<Deps, 'db' | 'clock' | 'log' | 'gateways'>, found: Found | undefined): Promise<Step> {
  const event = found?.event;
  if (!event || event.processedAt) return { done: 'skipped' };
  const intent = found.intent;
  if (!intent || intent.provider !== event.provider) {
    deps.log.warn({ eventId: event.id, provider: event.provider, intentRef: event.intentRef }, 'payment event for no intent of ours');
    await markProcessed(deps, event.id, 'unknown_intent');
    return { done: 'unknown_intent' };
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
    return { done: 'pending' };
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
  return { apply: { intentId: intent.id, news, eventRowId: event.id, origin: SYSTEM_ORIGIN } };
}

async function markProcessed(deps: Pick<Deps, 'db' | 'clock'>, eventId: string, outcome: string): Promise<void> {
  await deps.db.update(schema.paymentEvents).set({ processedAt: deps.clock.now(), outcome }).where(eq(schema.paymentEvents.id, eventId));
}
