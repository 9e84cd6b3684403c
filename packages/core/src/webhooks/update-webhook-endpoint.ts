import { schema, withTransaction } from '@fareway/db';
import type { PartnerEventType } from '@fareway/domain';
import { eq } from 'drizzle-orm';
import { type RequestOrigin, recordAudit } from '../audit/record-audit';
import type { Deps } from '../deps';
import type { Actor } from '../identity/users';
import {
  auditSubject,
  loadWebhookEndpointFor,
  type PublicWebhookEndpoint,
  toPublicWebhookEndpoint,
  type WebhookScope,
} from './webhook-endpoints';
import { assertWebhookTarget } from './webhook-target';

/** Changes the URL, the events, or turns the endpoint back on (which forgets its failure streak) or off. */
export async function updateWebhookEndpoint(
  deps: Deps,
  actor: Actor,
  scope: WebhookScope,
  input: { endpointId: string; url?: string; events?: PartnerEventType[]; description?: string | null; status?: 'active' | 'disabled' },
  origin: RequestOrigin,
): Promise<PublicWebhookEndpoint> {
  const url = input.url === undefined ? undefined : await assertWebhookTarget(input.url, deps.config.partnerWebhooks.allowInsecureTargets);
  return withTransaction(deps.db, async (tx) => {
    const before = await loadWebhookEndpointFor(tx, actor, scope, input.endpointId, { forUpdate: true });
    const now = deps.clock.now();
    const enabling = input.status === 'active' && before.status !== 'active';
    const disabling = input.status === 'disabled' && before.status !== 'disabled';
    const [row] = await tx
      .update(schema.webhookEndpoints)
      .set({
        ...(url === undefined ? {} : { url }),
        ...(input.events === undefined ? {} : { events: [...new Set(input.events)] }),
        ...(input.description === undefined ? {} : { description: input.description?.trim() || null }),
        ...(enabling ? { status: 'active' as const, consecutiveFailures: 0, disabledAt: null, disabledReason: null } : {}),
        ...(disabling ? { status: 'disabled' as const, disabledAt: now, disabledReason: 'disabled by its owner' } : {}),
        updatedAt: now,
      })
      .where(eq(schema.webhookEndpoints.id, before.id))
      .returning();
    if (!row) throw new Error('endpoint vanished while locked');
    await recordAudit(tx, now, origin, {
      actorUserId: actor.userId,
      action: 'webhook_endpoint.updated',
      ...auditSubject(row),
      before: { url: before.url, events: before.events, status: before.status },
      after: { url: row.url, events: row.events, status: row.status },
    });
    return toPublicWebhookEndpoint(row, now);
  });
}
