import { newId, schema, withTransaction } from '@fareway/db';
import type { GatewayEvent, GatewayName } from '@fareway/gateways';
import { queues } from '@fareway/jobs';
import type { Deps } from '../deps';

/**
 * The webhook's only transaction: the verified event is recorded under its
 * unique (provider, provider event id) and its processing job is enqueued in
 * the same transaction — so the job exists exactly when the event does, and a
 * duplicate delivery inserts nothing and enqueues nothing.
 */
export async function recordPaymentEvent(
  deps: Pick<Deps, 'db' | 'jobs' | 'clock'>,
  provider: GatewayName,
  event: GatewayEvent,
): Promise<{ recorded: boolean; eventId: string | null }> {
  return withTransaction(deps.db, async (tx) => {
    const [row] = await tx
      .insert(schema.paymentEvents)
      .values({
        id: newId(),
        provider,
        providerEventId: event.eventId,
        intentRef: event.intentId,
        status: event.status,
        amountMinor: event.amountMinor,
        currency: event.currency,
        providerPaymentId: event.providerPaymentId ?? null,
        needsConfirmation: event.needsConfirmation,
        receivedAt: deps.clock.now(),
      })
      .onConflictDoNothing()
      .returning({ id: schema.paymentEvents.id });
    if (!row) return { recorded: false, eventId: null };
    await deps.jobs.send(tx, queues.processPaymentEvent, { eventId: row.id });
    return { recorded: true, eventId: row.id };
  });
}
