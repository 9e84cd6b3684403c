import { schema, withTransaction } from '@fareway/db';
import type { MemberRole } from '@fareway/db/schema';
import { AppError } from '@fareway/domain';
import { eq, or } from 'drizzle-orm';
import { type RequestOrigin, recordAudit } from '../audit/record-audit';
import type { Deps } from '../deps';
import { parsePhoneOrThrow } from '../identity/send-otp';
import type { Actor } from '../identity/users';
import { lockMembersKeepingAnOwner } from './keep-an-owner';
import { loadOrganizationFor } from './organizations';

/** An owner adds (or changes the role of) a member, found by email or phone; the last owner is never demoted. */
export async function addOrganizationMember(
  deps: Deps,
  actor: Actor,
  input: { organizationId: string; email?: string; phoneNumber?: string; role: MemberRole },
  origin: RequestOrigin,
): Promise<{ organizationId: string; userId: string; role: MemberRole }> {
  const email = input.email?.trim().toLowerCase();
  const phone = input.phoneNumber ? parsePhoneOrThrow(input.phoneNumber, deps.config.auth.defaultRegion) : undefined;
  if (!email && !phone) throw new AppError('VALIDATION_ERROR', 'Give the email or phone number of the person to add');
  return withTransaction(deps.db, async (tx) => {
    await loadOrganizationFor(tx, actor, input.organizationId, 'owner');
    const [user] = await tx
      .select({ id: schema.users.id })
      .from(schema.users)
      .where(or(email ? eq(schema.users.email, email) : undefined, phone ? eq(schema.users.phone, phone) : undefined))
      .limit(1);
    if (!user) throw new AppError('USER_NOT_FOUND', 'No user with that email or phone; they must sign in once first');
    await lockMembersKeepingAnOwner(tx, input.organizationId, user.id, input.role);
    const now = deps.clock.now();
    await tx
      .insert(schema.organizationMembers)
      .values({ organizationId: input.organizationId, userId: user.id, role: input.role, createdAt: now })
      .onConflictDoUpdate({
        target: [schema.organizationMembers.organizationId, schema.organizationMembers.userId],
        set: { role: input.role },
      });
    await recordAudit(tx, now, origin, {
      actorUserId: actor.userId,
      action: 'organization.member_set',
      subjectType: 'organization',
      subjectId: input.organizationId,
      after: { userId: user.id, role: input.role },
    });
    return { organizationId: input.organizationId, userId: user.id, role: input.role };
  });
}
