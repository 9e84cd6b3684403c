import { schema, withTransaction } from '@fareway/db';
import { AppError } from '@fareway/domain';
import { eq } from 'drizzle-orm';
import { type RequestOrigin, recordAudit } from '../audit/record-audit';
import type { Deps } from '../deps';
import type { Actor } from '../identity/users';
import { queueNotification } from '../notifications/queue-notification';
import { organizationOwnerIds, type PublicOrganization, toPublicOrganization } from './organizations';

/**
 * Admin: approves, suspends or reinstates an operator. Suspending one still
 * pending review is its rejection: the owners are told, with the reason.
 */
export async function setOrganizationStatus(
  deps: Deps,
  actor: Actor,
  input: { organizationId: string; status: 'approved' | 'suspended'; reason?: string | undefined },
  origin: RequestOrigin,
): Promise<PublicOrganization> {
  return withTransaction(deps.db, async (tx) => {
    const [before] = await tx.select().from(schema.organizations).where(eq(schema.organizations.id, input.organizationId)).limit(1);
    if (!before) throw new AppError('ORGANIZATION_NOT_FOUND', 'No such organization');
    const now = deps.clock.now();
    const [after] = await tx
      .update(schema.organizations)
      .set({ status: input.status, updatedAt: now })
      .where(eq(schema.organizations.id, before.id))
      .returning();
    await recordAudit(tx, now, origin, {
      actorUserId: actor.userId,
      action: `organization.${input.status}`,
      subjectType: 'organization',
      subjectId: before.id,
      before: { status: before.status },
      after: { status: input.status },
    });
    const reason = input.reason?.trim() || null;
    const notice =
      input.status === 'approved' && before.status !== 'approved'
        ? ({ template: 'operator.approved', data: { organizationName: before.name } } as const)
        : input.status === 'suspended' && before.status === 'pending'
          ? ({ template: 'operator.rejected', data: { organizationName: before.name, reason: reason ?? '—' } } as const)
          : null;
    if (notice) {
      for (const userId of await organizationOwnerIds(tx, before.id)) {
        await queueNotification(tx, deps, { userId, key: `${notice.template}:${before.id}:${userId}:${now.toISOString()}`, ...notice });
      }
    }
    return toPublicOrganization(after ?? before, null);
  });
}
