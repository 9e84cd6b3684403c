import { schema, withTransaction } from '@fareway/db';
import { eq } from 'drizzle-orm';
import { type RequestOrigin, recordAudit } from '../audit/record-audit';
import type { Deps } from '../deps';
import type { Actor } from '../identity/users';
import { auditSubject, loadWebhookEndpointFor, type WebhookScope } from './webhook-endpoints';

/** Removes the endpoint and its pending deliveries (nothing more is sent to it). */
export async function deleteWebhookEndpoint(
  deps: Deps,
  actor: Actor,
  scope: WebhookScope,
  input: { endpointId: string },
  origin: RequestOrigin,
): Promise<{ id: string; deleted: true }> {
  return withTransaction(deps.db, async (tx) => {
    const row = await loadWebhookEndpointFor(tx, actor, scope, input.endpointId, { forUpdate: true });
    await tx.delete(schema.webhookEndpoints).where(eq(schema.webhookEndpoints.id, row.id));
    await recordAudit(tx, deps.clock.now(), origin, {
      actorUserId: actor.userId,
      action: 'webhook_endpoint.deleted',
      ...auditSubject(row),
      before: { organizationId: row.organizationId, url: row.url, events: row.events },
    });
    return { id: row.id, deleted: true as const };
  });
}
