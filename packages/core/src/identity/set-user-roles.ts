import { schema, withTransaction } from '@fareway/db';
import type { UserRole } from '@fareway/db/schema';
import { AppError } from '@fareway/domain';
import { eq } from 'drizzle-orm';
import { type RequestOrigin, recordAudit } from '../audit/record-audit';
import type { Deps } from '../deps';
import { type Actor, findUserById, type PublicUser, toPublicUser } from './users';

/** Admin: replaces a user's roles. Every user keeps `customer`; an admin cannot drop their own admin role. */
export async function setUserRoles(
  deps: Deps,
  actor: Actor,
  input: { userId: string; roles: UserRole[] },
  origin: RequestOrigin,
): Promise<PublicUser> {
  const roles = [...new Set<UserRole>(['customer', ...input.roles])].sort();
  if (input.userId === actor.userId && !roles.includes('admin')) {
    throw new AppError('FORBIDDEN', 'You cannot remove your own admin role');
  }
  // Security: a lost role is lost on the next request in every process (the users row changes either way).
  const told = deps.sessions?.expect(`u:${input.userId}`);
  const result = await withTransaction(deps.db, async (tx) => {
    const user = await findUserById(tx, input.userId);
    if (!user) throw new AppError('USER_NOT_FOUND', 'No such user');
    const now = deps.clock.now();
    const [updated] = await tx.update(schema.users).set({ roles, updatedAt: now }).where(eq(schema.users.id, user.id)).returning();
    await recordAudit(tx, now, origin, {
      actorUserId: actor.userId,
      action: 'user.roles_changed',
      subjectType: 'user',
      subjectId: user.id,
      before: { roles: user.roles },
      after: { roles },
    });
    return toPublicUser(updated ?? user);
  });
  await told;
  return result;
}
