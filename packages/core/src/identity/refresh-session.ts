import { schema, withTransaction } from '@fareway/db';
import { AppError } from '@fareway/domain';
import { eq } from 'drizzle-orm';
import { type RequestOrigin, recordAudit } from '../audit/record-audit';
import type { Deps } from '../deps';
import { issueSession, type SignedIn } from './sessions';
import { type Actor, toPublicUser } from './users';

/**
 * Rotates the caller's session (seed 000's `POST /auth/refresh`): the old token is
 * revoked and a new one issued in one transaction, answered like verify-otp.
 */
export async function refreshSession(
  deps: Pick<Deps, 'db' | 'clock' | 'config'>,
  actor: Actor,
  origin: RequestOrigin & { userAgent?: string | null },
): Promise<SignedIn> {
  return withTransaction(deps.db, async (tx) => {
    const now = deps.clock.now();
    // Security: deleting the old row first makes the rotation single-use. Two refreshes racing on one
    // token queue on its row lock; the second deletes nothing and is refused, so one token never becomes two.
    const revoked = await tx.delete(schema.sessions).where(eq(schema.sessions.id, actor.sessionId)).returning({ id: schema.sessions.id });
    if (revoked.length === 0) throw new AppError('TOKEN_INVALID', 'Sign in again: the session token is not valid');
    const [user] = await tx.select().from(schema.users).where(eq(schema.users.id, actor.userId)).limit(1);
    if (!user || user.status !== 'active') throw new AppError('TOKEN_INVALID', 'Sign in again: the session token is not valid');
    const session = await issueSession(tx, user.id, now, deps.config.auth.sessionTtlDays, origin);
    await recordAudit(tx, now, origin, {
      actorUserId: user.id,
      action: 'auth.refresh',
      subjectType: 'user',
      subjectId: user.id,
      after: { revokedSessionId: actor.sessionId, sessionId: session.sessionId },
    });
    return { token: session.token, expiresAt: session.expiresAt.toISOString(), user: toPublicUser(user) };
  });
}
