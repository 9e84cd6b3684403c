import { schema, withTransaction } from '@fareway/db';
import { AppError } from '@fareway/domain';
import { eq } from 'drizzle-orm';
import { type RequestOrigin, recordAudit } from '../audit/record-audit';
import type { Deps } from '../deps';
import { revokeAllSessions } from './sessions';
import { type Actor, findUserById, type PublicUser, toPublicUser } from './users';

/** Admin: suspends (revoking every session at once) or reactivates a user. */
export async function setUserStatus(
  deps: Deps,
  actor: Actor,
  input: { userId: string; status: 'active' | 'suspended'; reason?: string },
  origin: RequestOrigin,
): Promise<PublicUser> {
  if (input.userId === actor.userId && input.status === 'suspended') {
    throw new AppError('FORBIDDEN', 'You cannot suspend yourself');
  }
  // Security: a suspension answers only once every process has been told (the users row changes either way).
  const told = deps.sessions?.expect(`u:${input.userId}`);
  const result = await withTransaction(deps.db, async (tx) => {
    const user = await findUserById(tx, input.userId);
    if (!user) throw new AppError('USER_NOT_FOUND', 'No such user');
    const now = deps.clock.now();
    const [updated] = await tx
      .update(schema.users)
      .set({ status: input.status, updatedAt: now })
      .where(eq(schema.users.id, user.id))
      .returning();
    const revoked = input.status === 'suspended' ? await revokeAllSessions(tx, user.id) : 0;
    await recordAudit(tx, now, origin, {
      actorUserId: actor.userId,
      action: input.status === 'suspended' ? 'user.suspended' : 'user.reactivated',
      subjectType: 'user',
      subjectId: user.id,
      before: { status: user.status },
      after: { status: input.status, reason: input.reason ?? null, sessionsRevoked: revoked },
    });
    return toPublicUser(updated ?? user);
  });
  await told;
  return result;
}
