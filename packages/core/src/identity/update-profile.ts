import { schema, withTransaction } from '@fareway/db';
import { eq } from 'drizzle-orm';
import { type RequestOrigin, recordAudit } from '../audit/record-audit';
import type { Deps } from '../deps';
import { type Actor, findUserById, type PublicUser, toPublicUser } from './users';

/** The signed-in user changes their own display name. */
export async function updateProfile(deps: Deps, actor: Actor, input: { name: string }, origin: RequestOrigin): Promise<PublicUser> {
  return withTransaction(deps.db, async (tx) => {
    const before = await findUserById(tx, actor.userId);
    const now = deps.clock.now();
    const [user] = await tx
      .update(schema.users)
      .set({ name: input.name.trim(), updatedAt: now })
      .where(eq(schema.users.id, actor.userId))
      .returning();
    if (!user) throw new Error('signed-in user vanished');
    await recordAudit(tx, now, origin, {
      actorUserId: actor.userId,
      action: 'user.profile_updated',
      subjectType: 'user',
      subjectId: actor.userId,
      before: { name: before?.name ?? null },
      after: { name: user.name },
    });
    return toPublicUser(user);
  });
}
