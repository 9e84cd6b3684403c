import { schema, withTransaction } from '@fareway/db';
import { AppError } from '@fareway/domain';
import { and, eq } from 'drizzle-orm';
import { type RequestOrigin, recordAudit } from '../audit/record-audit';
import type { Deps } from '../deps';
import type { Actor } from '../identity/users';
import { lockMembersKeepingAnOwner } from './keep-an-owner';
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
    const members = await lockMembersKeepingAnOwner(tx, input.organizationId, input.userId, null);
    const member = members.find((row) => row.userId === input.userId);
    if (!member) throw new AppError('USER_NOT_FOUND', 'That person is not a member of this organization');
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
