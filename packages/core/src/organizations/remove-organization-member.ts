import { schema, withTransaction } from '@fareway/db';
import { AppError } from '@fareway/domain';
import { and, eq } from 'drizzle-orm';
import { type RequestOrigin, recordAudit } from '../audit/record-audit';
import type { Deps } from '../deps';
import type { Actor } from '../identity/users';
import { loadOrganizationFor } from './organizations';

/**
 * An owner (or an admin) removes a member. The last owner stays: an
 * organisation nobody owns could never be managed again (nor its statements
 * read). The member loses access on their next request.
 */
export async function removeOrganizationMember(
  deps: Deps,
  actor: Actor,
  input: { organizationId: string; userId: string },
  origin: RequestOrigin,
): Promise<{ organizationId: string; userId: string; removed: true }> {
  return withTransaction(deps.db, async (tx) => {
    await loadOrganizationFor(tx, actor, input.organizationId, 'owner');
    const m = schema.organizationMembers;
    // Locks the members so two owners removing each other at once cannot leave none.
    const members = await tx.select().from(m).where(eq(m.organizationId, input.organizationId)).for('update');
    const member = members.find((row) => row.userId === input.userId);
    if (!member) throw new AppError('USER_NOT_FOUND', 'That person is not a member of this organization');
    if (member.role === 'owner' && members.filter((row) => row.role === 'owner').length === 1) {
      throw new AppError('VALIDATION_ERROR', 'An organization keeps at least one owner: make someone else an owner first', {
        details: [{ path: 'userId', message: 'the last owner' }],
      });
    }
    await tx.delete(m).where(and(eq(m.organizationId, input.organizationId), eq(m.userId, input.userId)));
    await recordAudit(tx, deps.clock.now(), origin, {
      actorUserId: actor.userId,
      action: 'organization.member_removed',
      subjectType: 'organization',
      subjectId: input.organizationId,
      before: { userId: member.userId, role: member.role },
    });
    return { organizationId: input.organizationId, userId: input.userId, removed: true as const };
  });
}
