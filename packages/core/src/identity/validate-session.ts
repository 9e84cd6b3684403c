import { schema } from '@fareway/db';
import type { UserRole } from '@fareway/db/schema';
import { AppError, judgeSession } from '@fareway/domain';
import { eq } from 'drizzle-orm';
import type { Deps } from '../deps';
import { sessionIdFromToken } from './secrets';
import { type PublicUser, toPublicUser } from './users';

export interface ValidSession {
  sessionId: string;
  expiresAt: Date;
  /** Set when the expiry slid forward: the cookie must be re-sent. */
  renewed: boolean;
  user: PublicUser & { roles: UserRole[] };
}

/**
 * Resolves a bearer or cookie token to its session and user. Revocation is
 * immediate because every request looks the session up (no signed tokens to outlive a logout).
 */
export async function validateSession(deps: Pick<Deps, 'db' | 'clock' | 'config'>, token: string): Promise<ValidSession> {
  if (!/^[a-z2-7]{32}$/.test(token)) throw new AppError('TOKEN_INVALID', 'Sign in again: the session token is not valid');
  const sessionId = sessionIdFromToken(token);
  const [row] = await deps.db
    .select({ session: schema.sessions, user: schema.users })
    .from(schema.sessions)
    .innerJoin(schema.users, eq(schema.users.id, schema.sessions.userId))
    .where(eq(schema.sessions.id, sessionId))
    .limit(1);
  if (!row) throw new AppError('TOKEN_INVALID', 'Sign in again: the session token is not valid');
  const now = deps.clock.now();
  const lifetimeMs = deps.config.auth.sessionTtlDays * 86_400_000;
  const verdict = judgeSession(row.session.expiresAt, now, lifetimeMs);
  if (verdict === 'expired') {
    await deps.db.delete(schema.sessions).where(eq(schema.sessions.id, sessionId));
    throw new AppError('TOKEN_EXPIRED', 'Sign in again: the session has expired');
  }
  // Suspension revokes sessions, but a session racing the suspension must not survive it.
  if (row.user.status !== 'active') throw new AppError('TOKEN_INVALID', 'Sign in again: the session token is not valid');
  let expiresAt = row.session.expiresAt;
  if (verdict === 'renew') {
    expiresAt = new Date(now.getTime() + lifetimeMs);
    await deps.db.update(schema.sessions).set({ expiresAt }).where(eq(schema.sessions.id, sessionId));
  }
  return { sessionId, expiresAt, renewed: verdict === 'renew', user: toPublicUser(row.user) };
}
