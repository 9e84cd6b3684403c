import { newId, schema, withTransaction } from '@fareway/db';
import type { PartnerEventType } from '@fareway/domain';
import { type RequestOrigin, recordAudit } from '../audit/record-audit';
import type { Deps } from '../deps';
import { sealSecret } from '../identity/secrets';
import type { Actor } from '../identity/users';
import {
  assertWebhookScope,
  auditSubject,
  generateWebhookSecret,
  type PublicWebhookEndpoint,
  toPublicWebhookEndpoint,
  type WebhookScope,
} from './webhook-endpoints';
import { assertWebhookTarget } from './webhook-target';

/** Registers a receiver; the answer carries its signing secret, the only time it is ever shown. */
export async function createWebhookEndpoint(
  deps: Deps,
  actor: Actor,
  scope: WebhookScope,
  input: { url: string; events: PartnerEventType[]; description?: string },
  origin: RequestOrigin,
): Promise<PublicWebhookEndpoint & { secret: string }> {
  // Resolved outside the transaction: DNS may be slow and holds no lock.
  const url = await assertWebhookTarget(input.url, deps.config.partnerWebhooks.allowInsecureTargets);
  const secret = generateWebhookSecret();
  return withTransaction(deps.db, async (tx) => {
    await assertWebhookScope(tx, actor, scope);
    const now = deps.clock.now();
    const [row] = await tx
      .insert(schema.webhookEndpoints)
      .values({
        id: newId(),
        organizationId: scope.organizationId,
        url,
        events: [...new Set(input.events)],
        description: input.description?.trim() || null,
        // Sealed, not hashed: the worker needs the secret itself to sign.
        secretSealed: sealSecret(deps.config.auth.secret, secret),
        createdByUserId: actor.userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!row) throw new Error('insert returned nothing');
    await recordAudit(tx, now, origin, {
      actorUserId: actor.userId,
      action: 'webhook_endpoint.created',
      ...auditSubject(row),
      after: { organizationId: row.organizationId, url: row.url, events: row.events },
    });
    return { ...toPublicWebhookEndpoint(row, now), secret };
  });
}
