import { schema, withTransaction } from '@fareway/db';
import { AppError } from '@fareway/domain';
import { and, eq, sql } from 'drizzle-orm';
import { type RequestOrigin, recordAudit } from '../audit/record-audit';
import type { Deps } from '../deps';
import type { Actor } from '../identity/users';
import { PARTNER_WEBHOOKS_CHANNEL } from './emit-partner-event';
import { type PublicWebhookDelivery, toPublicWebhookDelivery } from './list-webhook-deliveries';
import { loadWebhookEndpointFor, type WebhookScope } from './webhook-endpoints';

/**
 * Sends a delivery again, now, with the same event id and body (receivers dedupe on
 * the id). A delivery being posted at this very moment is left to finish.
 */
export async function replayWebhookDelivery(
  deps: Deps,
  actor: Actor,
  scope: WebhookScope,
  input: { endpointId: string; eventId: string },
  origin: RequestOrigin,
): Promise<PublicWebhookDelivery> {
  return withTransaction(deps.db, async (tx) => {
    const endpoint = await loadWebhookEndpointFor(tx, actor, scope, input.endpointId);
    const now = deps.clock.now();
    const d = schema.webhookDeliveries;
    const [found] = await tx
      .select({ delivery: d, type: schema.webhookEvents.type })
      .from(d)
      .innerJoin(schema.webhookEvents, eq(schema.webhookEvents.id, d.eventId))
      .where(and(eq(d.endpointId, endpoint.id), eq(d.eventId, input.eventId)))
      .for('update', { of: d });
    if (!found) throw new AppError('NOT_FOUND', 'No such delivery for this endpoint');
    if (found.delivery.lockedUntil && found.delivery.lockedUntil > now) return toPublicWebhookDelivery(found.delivery, found.type);
    const [row] = await tx
      .update(d)
      .set({ status: 'pending', nextAttemptAt: now, lockedUntil: null, deliveredAt: null })
      .where(and(eq(d.endpointId, endpoint.id), eq(d.eventId, input.eventId)))
      .returning();
    if (!row) throw new Error('delivery vanished while locked');
    await tx.execute(sql`select pg_notify(${PARTNER_WEBHOOKS_CHANNEL}, '')`);
    await recordAudit(tx, now, origin, {
      actorUserId: actor.userId,
      action: 'webhook_delivery.replayed',
      subjectType: 'webhook_endpoint',
      subjectId: endpoint.id,
      after: { eventId: input.eventId },
    });
    return toPublicWebhookDelivery(row, found.type);
  });
}
