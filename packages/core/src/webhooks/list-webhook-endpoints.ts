import { schema, withTransaction } from '@fareway/db';
import { and, count, desc, eq, isNull } from 'drizzle-orm';
import type { Deps } from '../deps';
import type { Actor } from '../identity/users';
import { assertWebhookScope, type PublicWebhookEndpoint, toPublicWebhookEndpoint, type WebhookScope } from './webhook-endpoints';

export async function listWebhookEndpoints(
  deps: Deps,
  actor: Actor,
  scope: WebhookScope,
  input: { page: number; limit: number },
): Promise<{ items: PublicWebhookEndpoint[]; meta: { page: number; limit: number; total: number } }> {
  return withTransaction(deps.db, async (tx) => {
    await assertWebhookScope(tx, actor, scope);
    const e = schema.webhookEndpoints;
    const where = scope.organizationId === null ? isNull(e.organizationId) : eq(e.organizationId, scope.organizationId);
    const [rows, [total]] = await Promise.all([
      tx
        .select()
        .from(e)
        .where(and(where))
        .orderBy(desc(e.createdAt))
        .limit(input.limit)
        .offset((input.page - 1) * input.limit),
      tx.select({ n: count() }).from(e).where(where),
    ]);
    const now = deps.clock.now();
    return {
      items: rows.map((r) => toPublicWebhookEndpoint(r, now)),
      meta: { page: input.page, limit: input.limit, total: total?.n ?? 0 },
    };
  });
}
