import { type DatabaseOrTransaction, schema } from '@fareway/db';
import { eq } from 'drizzle-orm';
import { type RequestOrigin, recordAudit } from '../audit/record-audit';
import { generateSessionToken, sessionIdFromToken } from './secrets';
import { type PublicUser, toPublicUser, type UserRow } from './users';

export interface IssuedSession {
  token: string;
  sessionId: string;
  expiresAt: Date;
}

/** Issues a session inside the sign-in transaction; the raw token leaves only in the response. */
export async function issueSession(
  tx: DatabaseOrTransaction,
  userId: string,
  now: Date,
  lifetimeDays: number,
  origin: RequestOrigin & { userAgent?: string | null },
): Promise<IssuedSession> {
  const token = generateSessionToken();
  const sessionId = sessionIdFromToken(token);
  const expiresAt = new Date(now.getTime() + lifetimeDays * 86_400_000);
  await tx.insert(schema.sessions).values({
    id: sessionId,
    userId,
    createdAt: now,
    expiresAt,
    ip: origin.ip,
    userAgent: origin.userAgent?.slice(0, 300) ?? null,
  });
  return { token, sessionId, expiresAt };
}

export async function revokeAllSessions(tx: DatabaseOrTransaction, userId: string): Promise<number> {
  const deleted = await tx.delete(schema.sessions).where(eq(schema.sessions.userId, userId)).returning({ id: schema.sessions.id });
  return deleted.length;
}

export interface SignedIn {
  token: string;
  expiresAt: string;
  user: PublicUser;
}

/** The end of every successful sign-in, whatever the method: a session and its audit row, in the caller's transaction. */
export async function completeSignIn(
  tx: DatabaseOrTransaction,
  user: UserRow,
  method: 'otp' | 'password',
  now: Date,
  lifetimeDays: number,
  origin: RequestOrigin & { userAgent?: string | null },
): Promise<SignedIn> {
  const session = await issueSession(tx, user.id, now, lifetimeDays, origin);
  await recordAudit(tx, now, origin, {
    actorUserId: user.id,
    action: 'auth.sign_in',
    subjectType: 'user',
    subjectId: user.id,
    after: { method },
  });
  return { token: session.token, expiresAt: session.expiresAt.toISOString(), user: toPublicUser(user) };
}
