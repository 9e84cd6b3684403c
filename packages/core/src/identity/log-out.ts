import { schema, withTransaction } from '@fareway/db';
import { eq } from 'drizzle-orm';
import { type RequestOrigin, recordAudit } from '../audit/record-audit';
import type { Deps } from '../deps';
import { revokeAllSessions } from './sessions';
import type { Actor } from './users';

/** Ends this session now: the very next request with its token is refused. */
export async function logOut(
  deps: Deps,
  actor: Actor,
  origin: RequestOrigin,
  options: { everywhere?: boolean } = {},
): Promise<{ revoked: number }> {
  // Security: answer only once every process has been told (the current session is deleted either way).
  const told = deps.sessions?.expect(`s:${actor.sessionId}`);
  const result = await withTransaction(deps.db, async (tx) => {
    const revoked = options.everywhere
      ? await revokeAllSessions(tx, actor.userId)
      : (await tx.delete(schema.sessions).where(eq(schema.sessions.id, actor.sessionId)).returning()).length;
    await recordAudit(tx, deps.clock.now(), origin, {
      actorUserId: actor.userId,
      action: options.everywhere ? 'auth.logout_all' : 'auth.logout',
      subjectType: 'user',
      subjectId: actor.userId,
      after: { revoked },
    });
    return { revoked };
  });
  await told;
  return result;
}
