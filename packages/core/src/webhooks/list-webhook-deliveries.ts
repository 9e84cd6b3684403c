import { schema, withTransaction } from '@fareway/db';
import { and, count, desc, eq, type SQL } from 'drizzle-orm';
import type { Deps } from '../deps';
import type { Actor } from '../identity/users';
import { loadWebhookEndpointFor, type WebhookScope } from './webhook-endpoints';

export interface PublicWebhookDelivery {
  eventId: string;
  type: string;
  status: 'pending' | 'succeeded' | 'failed';
  attempts: number;
  lastResponseStatus: number | null;
  lastDurationMs: number | null;
  lastError: string | null;
  lastAttemptAt: string | null;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  createdAt: string;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toPublicWebhookDelivery(d: typeof schema.webhookDeliveries.$inferSelect, type: string): PublicWebhookDelivery {
  return {
    eventId: d.eventId,
    type,
    status: d.status,
    attempts: d.attempts,
    lastResponseStatus: d.lastResponseStatus,
    lastDurationMs: d.lastDurationMs,
    lastError: d.lastError,
    lastAttemptAt: iso(d.lastAttemptAt),
    nextAttemptAt: d.status === 'pending' ? iso(d.nextAttemptAt) : null,
    deliveredAt: iso(d.deliveredAt),
    createdAt: d.createdAt.toISOString(),
  };
}

/** The endpoint's delivery log, newest first: what was sent, what the receiver answered, how long it took. */
export async function listWebhookDeliveries(
  deps: Deps,
  actor: Actor,
  scope: WebhookScope,
  input: { endpointId: string; page: number; limit: number; status?: 'pending' | 'succeeded' | 'failed' },
): Promise<{ items: PublicWebhookDelivery[]; meta: { page: number; limit: number; total: number } }> {
  return withTransaction(deps.db, async (tx) => {
    const endpoint = await loadWebhookEndpointFor(tx, actor, scope, input.endpointId);
    const d = schema.webhookDeliveries;
    const filters: SQL[] = [eq(d.endpointId, endpoint.id)];
    if (input.status) filters.push(eq(d.status, input.status));
    const [rows, [total]] = await Promise.all([
      tx
        .select({ delivery: d, type: schema.webhookEvents.type })
        .from(d)
        .innerJoin(schema.webhookEvents, eq(schema.webhookEvents.id, d.eventId))
        .where(and(...filters))
        .orderBy(desc(d.createdAt), desc(d.eventId))
        .limit(input.limit)
        .offset((input.page - 1) * input.limit),
      tx
        .select({ n: count() })
        .from(d)
        .where(and(...filters)),
    ]);
    return {
      items: rows.map((r) => toPublicWebhookDelivery(r.delivery, r.type)),
      meta: { page: input.page, limit: input.limit, total: total?.n ?? 0 },
    };
  });
}
