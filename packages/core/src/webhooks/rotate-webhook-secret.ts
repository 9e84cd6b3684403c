import { schema, withTransaction } from '@fareway/db';
import { eq } from 'drizzle-orm';
import { type RequestOrigin, recordAudit } from '../audit/record-audit';
import type { Deps } from '../deps';
import { sealSecret } from '../identity/secrets';
import type { Actor } from '../identity/users';
import {
  auditSubject,
  generateWebhookSecret,
  loadWebhookEndpointFor,
  type PublicWebhookEndpoint,
  toPublicWebhookEndpoint,
  type WebhookScope,
} from './webhook-endpoints';

/**
 * A new signing secret, shown once. The old one keeps signing beside it (a second
 * `v1`) for 24 h, so the receiver can switch without missing a delivery.
 */
export async function rotateWebhookSecret(
  deps: Deps,
  actor: Actor,
  scope: WebhookScope,
  input: { endpointId: string },
  origin: RequestOrigin,
): Promise<PublicWebhookEndpoint & { secret: string }> {
  const secret = generateWebhookSecret();
  return withTransaction(deps.db, async (tx) => {
    const before = await loadWebhookEndpointFor(tx, actor, scope, input.endpointId, { forUpdate: true });
    const now = deps.clock.now();
    const [row] = await tx
      .update(schema.webhookEndpoints)
      .set({
        secretSealed: sealSecret(deps.config.auth.secret, secret),
        previousSecretSealed: before.secretSealed,
        previousSecretExpiresAt: new Date(now.getTime() + deps.config.partnerWebhooks.rotationOverlapSeconds * 1000),
        updatedAt: now,
      })
      .where(eq(schema.webhookEndpoints.id, before.id))
      .returning();
    if (!row) throw new Error('endpoint vanished while locked');
    await recordAudit(tx, now, origin, {
      actorUserId: actor.userId,
      action: 'webhook_endpoint.secret_rotated',
      ...auditSubject(row),
      after: { previousSecretExpiresAt: row.previousSecretExpiresAt?.toISOString() },
    });
    return { ...toPublicWebhookEndpoint(row, now), secret };
  });
}
