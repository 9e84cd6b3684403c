import { randomBytes } from 'node:crypto';
import { type DatabaseOrTransaction, schema } from '@fareway/db';
import { AppError } from '@fareway/domain';
import { and, eq, isNull } from 'drizzle-orm';
import type { Actor } from '../identity/users';
import { isAdmin } from '../identity/users';
import { loadOrganizationFor } from '../organizations/organizations';

export type WebhookEndpointRow = typeof schema.webhookEndpoints.$inferSelect;

/** Whose endpoints: an operator organisation's (its owners and admins), or the platform's (organizationId null: admins). */
export interface WebhookScope {
  organizationId: string | null;
}

export interface PublicWebhookEndpoint {
  id: string;
  organizationId: string | null;
  url: string;
  events: string[];
  description: string | null;
  status: 'active' | 'disabled';
  consecutiveFailures: number;
  disabledAt: string | null;
  disabledReason: string | null;
  /** Until when the secret replaced by the last rotation still signs deliveries. */
  previousSecretExpiresAt: string | null;
  createdAt: string;
}

export function toPublicWebhookEndpoint(row: WebhookEndpointRow, now: Date): PublicWebhookEndpoint {
  const previousLive = row.previousSecretExpiresAt && row.previousSecretExpiresAt > now ? row.previousSecretExpiresAt : null;
  return {
    id: row.id,
    organizationId: row.organizationId,
    url: row.url,
    events: row.events,
    description: row.description,
    status: row.status,
    consecutiveFailures: row.consecutiveFailures,
    disabledAt: row.disabledAt?.toISOString() ?? null,
    disabledReason: row.disabledReason,
    previousSecretExpiresAt: previousLive?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

/** A signing secret: 256 random bits, shown to its owner once and stored sealed. */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

/**
 * May the actor manage this scope's endpoints? Owners of the organisation and
 * admins; a stranger is told the organisation does not exist, a staff member
 * that only owners may do it; the platform's endpoints are for admins only.
 */
export async function assertWebhookScope(tx: DatabaseOrTransaction, actor: Actor, scope: WebhookScope): Promise<void> {
  if (scope.organizationId === null) {
    if (!isAdmin(actor)) throw new AppError('FORBIDDEN', 'Only an admin may manage the platform webhook endpoints');
    return;
  }
  await loadOrganizationFor(tx, actor, scope.organizationId, 'owner');
}

/** The endpoint, if it belongs to the scope; anything else is WEBHOOK_ENDPOINT_NOT_FOUND ("not yours" = absent). */
export async function loadWebhookEndpointFor(
  tx: DatabaseOrTransaction,
  actor: Actor,
  scope: WebhookScope,
  endpointId: string,
  options: { forUpdate?: boolean } = {},
): Promise<WebhookEndpointRow> {
  await assertWebhookScope(tx, actor, scope);
  const e = schema.webhookEndpoints;
  const query = tx
    .select()
    .from(e)
    .where(
      and(eq(e.id, endpointId), scope.organizationId === null ? isNull(e.organizationId) : eq(e.organizationId, scope.organizationId)),
    );
  const [row] = options.forUpdate ? await query.for('update') : await query;
  if (!row) throw new AppError('WEBHOOK_ENDPOINT_NOT_FOUND', 'No such webhook endpoint');
  return row;
}

export function auditSubject(row: { id: string }) {
  return { subjectType: 'webhook_endpoint', subjectId: row.id };
}
