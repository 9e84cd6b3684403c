import { schema, withTransaction } from '@fareway/db';
import { isWebhookDelivered, nextWebhookAttemptAt, shouldDisableEndpoint } from '@fareway/domain';
import { signTimestamped } from '@fareway/gateways';
import { and, eq, sql } from 'drizzle-orm';
import { recordAudit, SYSTEM_ORIGIN } from '../audit/record-audit';
import type { Deps } from '../deps';
import { openSecret } from '../identity/secrets';
import { queueNotifications } from '../notifications/queue-notification';
import { organizationOwnerIds } from '../organizations/organizations';
import { postWebhook, type WebhookPostResult } from './post-webhook';

interface ClaimedDelivery {
  endpointId: string;
  eventId: string;
  attempts: number;
  url: string;
  secretSealed: string;
  previousSecretSealed: string | null;
  previousSecretExpiresAt: Date | null;
  type: string;
  data: unknown;
  eventCreatedAt: Date;
}

export interface DeliveryRoundResult {
  attempted: number;
  delivered: number;
  retrying: number;
  failed: number;
}

/**
 * One round of the partner-webhook outbox: claims due deliveries (SKIP LOCKED, so
 * many workers share the work and none posts a delivery another is posting), posts
 * them with no transaction open, then records each outcome. Safe to run twice at
 * once; a worker killed mid-post leaves its claim to lapse and the delivery is sent
 * again (at least once, with the same event id, which receivers dedupe on).
 */
export async function deliverDueWebhooks(deps: Deps, options: { limit?: number; concurrency?: number } = {}): Promise<DeliveryRoundResult> {
  const limit = options.limit ?? 50;
  const now = deps.clock.now();
  const settings = deps.config.partnerWebhooks;
  // The claim outlives the post's own timeout, so a live worker is never overtaken.
  const lockedUntil = new Date(now.getTime() + settings.timeoutMs + 30_000);
  const claimed = await withTransaction(deps.db, async (tx) => {
    const rows = await tx.execute<{
      endpoint_id: string;
      event_id: string;
      attempts: number;
      url: string;
      secret_sealed: string;
      previous_secret_sealed: string | null;
      previous_secret_expires_ms: string | null;
      type: string;
      data: unknown;
      event_created_ms: string;
    }>(sql`
      with due as (
        select d.endpoint_id, d.event_id
        from webhook_deliveries d
        join webhook_endpoints e on e.id = d.endpoint_id and e.status = 'active'
        where d.status = 'pending' and d.next_attempt_at <= ${now.toISOString()}::timestamptz
          and (d.locked_until is null or d.locked_until <= ${now.toISOString()}::timestamptz)
        order by d.next_attempt_at
        limit ${limit}::int
        for update of d skip locked
      ), claimed as (
        update webhook_deliveries d
        set locked_until = ${lockedUntil.toISOString()}::timestamptz, attempts = d.attempts + 1, last_attempt_at = ${now.toISOString()}::timestamptz
        from due
        where d.endpoint_id = due.endpoint_id and d.event_id = due.event_id
        returning d.endpoint_id, d.event_id, d.attempts
      )
      select c.endpoint_id, c.event_id, c.attempts, e.url, e.secret_sealed, e.previous_secret_sealed,
             extract(epoch from e.previous_secret_expires_at) * 1000 as previous_secret_expires_ms, ev.type, ev.data,
             extract(epoch from ev.created_at) * 1000 as event_created_ms
      from claimed c
      join webhook_endpoints e on e.id = c.endpoint_id
      join webhook_events ev on ev.id = c.event_id`);
    return [...rows].map(
      (r): ClaimedDelivery => ({
        endpointId: r.endpoint_id,
        eventId: r.event_id,
        attempts: Number(r.attempts),
        url: r.url,
        secretSealed: r.secret_sealed,
        previousSecretSealed: r.previous_secret_sealed,
        previousSecretExpiresAt: r.previous_secret_expires_ms === null ? null : new Date(Number(r.previous_secret_expires_ms)),
        type: r.type,
        data: r.data,
        eventCreatedAt: new Date(Number(r.event_created_ms)),
      }),
    );
  });
  const result: DeliveryRoundResult = { attempted: claimed.length, delivered: 0, retrying: 0, failed: 0 };
  const queue = [...claimed];
  const lanes = Array.from({ length: Math.min(options.concurrency ?? 8, queue.length) }, async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const outcome = await deliverOne(deps, next);
      result[outcome] += 1;
    }
  });
  await Promise.all(lanes);
  return result;
}

/** The exact bytes a receiver gets for an event; the same on every attempt. */
export function webhookBody(delivery: Pick<ClaimedDelivery, 'eventId' | 'type' | 'eventCreatedAt' | 'data'>): string {
  return JSON.stringify({
    id: delivery.eventId,
    type: delivery.type,
    createdAt: delivery.eventCreatedAt.toISOString(),
    data: delivery.data,
  });
}

async function deliverOne(deps: Deps, delivery: ClaimedDelivery): Promise<'delivered' | 'retrying' | 'failed'> {
  const settings = deps.config.partnerWebhooks;
  const signedAt = deps.clock.now();
  const body = webhookBody(delivery);
  const seconds = Math.floor(signedAt.getTime() / 1000);
  const secrets = [openSecret(deps.config.auth.secret, delivery.secretSealed)];
  // During a rotation both secrets sign, so the receiver may verify with either.
  if (delivery.previousSecretSealed && delivery.previousSecretExpiresAt && delivery.previousSecretExpiresAt > signedAt) {
    secrets.push(openSecret(deps.config.auth.secret, delivery.previousSecretSealed));
  }
  const [first, ...rest] = secrets.map((secret) => signTimestamped(secret, body, seconds));
  const signature = [first, ...rest.map((s) => s.slice(s.indexOf(',') + 1))].join(',');
  const posted: WebhookPostResult = await postWebhook({
    url: delivery.url,
    body,
    headers: {
      'fareway-event-id': delivery.eventId,
      'fareway-event-type': delivery.type,
      'fareway-signature': signature,
      'fareway-delivery-attempt': String(delivery.attempts),
    },
    timeoutMs: settings.timeoutMs,
    allowInsecure: settings.allowInsecureTargets,
  });
  return recordOutcome(deps, delivery, posted);
}

async function recordOutcome(
  deps: Deps,
  delivery: ClaimedDelivery,
  posted: WebhookPostResult,
): Promise<'delivered' | 'retrying' | 'failed'> {
  const settings = deps.config.partnerWebhooks;
  const d = schema.webhookDeliveries;
  const e = schema.webhookEndpoints;
  // Fenced by the attempt number: if this claim lapsed and another worker took the delivery over, its record wins.
  const mine = and(
    eq(d.endpointId, delivery.endpointId),
    eq(d.eventId, delivery.eventId),
    eq(d.attempts, delivery.attempts),
    eq(d.status, 'pending'),
  );
  const lastError = posted.error?.slice(0, 500) ?? null;
  return withTransaction(deps.db, async (tx) => {
    const now = deps.clock.now();
    const common = { lockedUntil: null, lastResponseStatus: posted.status, lastDurationMs: posted.durationMs, lastError };
    if (posted.status !== null && isWebhookDelivered(posted.status)) {
      await tx
        .update(d)
        .set({ ...common, status: 'succeeded', deliveredAt: now, lastError: null })
        .where(mine);
      await tx.update(e).set({ consecutiveFailures: 0 }).where(eq(e.id, delivery.endpointId));
      return 'delivered';
    }
    const next = nextWebhookAttemptAt(settings.retry, { eventCreatedAt: delivery.eventCreatedAt, failedAttempts: delivery.attempts, now });
    const [recorded] = await tx
      .update(d)
      .set(next ? { ...common, nextAttemptAt: next } : { ...common, status: 'failed' })
      .where(mine)
      .returning({ eventId: d.eventId });
    if (recorded) {
      const [endpoint] = await tx
        .update(e)
        .set({ consecutiveFailures: sql`${e.consecutiveFailures} + 1` })
        .where(eq(e.id, delivery.endpointId))
        .returning();
      if (endpoint && endpoint.status === 'active' && shouldDisableEndpoint(endpoint.consecutiveFailures, settings.disableAfterFailures)) {
        const reason = `${endpoint.consecutiveFailures} failed attempts in a row (last: ${posted.status ?? lastError ?? 'no answer'})`;
        await tx
          .update(e)
          .set({ status: 'disabled', disabledAt: now, disabledReason: reason, updatedAt: now })
          .where(eq(e.id, endpoint.id));
        await recordAudit(tx, now, SYSTEM_ORIGIN, {
          actorUserId: null,
          action: 'webhook_endpoint.disabled',
          subjectType: 'webhook_endpoint',
          subjectId: endpoint.id,
          before: { status: 'active' },
          after: { status: 'disabled', reason },
        });
        // Its owners hear of it in the same transaction: an organisation's owners, or the admin who made a platform endpoint.
        const owners = endpoint.organizationId
          ? await organizationOwnerIds(tx, endpoint.organizationId)
          : endpoint.createdByUserId
            ? [endpoint.createdByUserId]
            : [];
        await queueNotifications(
          tx,
          deps,
          owners.map((userId) => ({
            userId,
            key: `webhook.endpoint_disabled:${endpoint.id}:${now.toISOString()}:${userId}`,
            template: 'webhook.endpoint_disabled' as const,
            data: {
              endpointId: endpoint.id,
              url: endpoint.url,
              failures: endpoint.consecutiveFailures,
              reason: String(posted.status ?? lastError ?? 'no answer'),
            },
          })),
        );
      }
    }
    return next ? 'retrying' : 'failed';
  });
}
