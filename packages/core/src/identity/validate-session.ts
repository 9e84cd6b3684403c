import { type Database, schema } from '@fareway/db';
import type { UserRole } from '@fareway/db/schema';
import { AppError, judgeSession } from '@fareway/domain';
import { eq, sql } from 'drizzle-orm';
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

const { sessions, users } = schema;
const sessionQueries = new WeakMap<Database, ReturnType<typeof buildSessionQuery>>();

/**
 * The session and what the request needs of its user, as one prepared query drizzle builds once per
 * database (issue 16: building it cost more CPU than running it); only the columns the answer uses
 * (never the password hash).
 */
function buildSessionQuery(db: Database) {
  return db
    .select({
      session: { expiresAt: sessions.expiresAt },
      user: {
        id: users.id,
        phone: users.phone,
        email: users.email,
        name: users.name,
        locale: users.locale,
        roles: users.roles,
        status: users.status,
        createdAt: users.createdAt,
      },
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, sql.placeholder('sessionId')))
    .limit(1)
    .prepare('validate_session');
}

function sessionQuery(db: Database): ReturnType<typeof buildSessionQuery> {
  let query = sessionQueries.get(db);
  if (!query) {
    query = buildSessionQuery(db);
    sessionQueries.set(db, query);
  }
  return query;
}

/**
 * Resolves a bearer or cookie token to its session and user. Revocation is
 * immediate: the session is looked up in the database (no signed tokens to
 * outlive a logout), or in this process's SessionCache, which every change to
 * a session or its user evicts by NOTIFY and which is bypassed while that
 * channel is down.
 */
export async function validateSession(deps: Pick<Deps, 'db' | 'clock' | 'config' | 'sessions'>, token: string): Promise<ValidSession> {
  if (!/^[a-z2-7]{32}$/.test(token)) throw new AppError('TOKEN_INVALID', 'Sign in again: the session token is not valid');
  const sessionId = sessionIdFromToken(token);
  const cache = deps.sessions;
  const nowMs = deps.clock.now().getTime();
  const cached = cache?.lookup(sessionId, nowMs);
  const lifetimeMs = deps.config.auth.sessionTtlDays * 86_400_000;
  // Expired or due for renewal: the database decides (and writes), below.
  if (cached && judgeSession(cached.expiresAt, new Date(nowMs), lifetimeMs) === 'valid') {
    return { sessionId, expiresAt: cached.expiresAt, renewed: false, user: cached.user };
  }
  const mark = cache?.mark() ?? 0;
  const [row] = await sessionQuery(deps.db).execute({ sessionId });
  if (!row) throw new AppError('TOKEN_INVALID', 'Sign in again: the session token is not valid');
  const now = deps.clock.now();
  const verdict = judgeSession(row.session.expiresAt, now, lifetimeMs);
  // Not deleted here: every look at an expired token (the rate limiter's key lookup runs first) must
  // answer TOKEN_EXPIRED, not TOKEN_INVALID on the second look. cleanup-auth removes expired rows.
  if (verdict === 'expired') throw new AppError('TOKEN_EXPIRED', 'Sign in again: the session has expired');
  // Suspension revokes sessions, but a session racing the suspension must not survive it.
  if (row.user.status !== 'active') throw new AppError('TOKEN_INVALID', 'Sign in again: the session token is not valid');
  let expiresAt = row.session.expiresAt;
  if (verdict === 'renew') {
    expiresAt = new Date(now.getTime() + lifetimeMs);
    await deps.db.update(schema.sessions).set({ expiresAt }).where(eq(schema.sessions.id, sessionId));
  }
  const user = toPublicUser(row.user);
  // A renewal just NOTIFYed its own eviction; the next request caches the new expiry.
  if (verdict === 'valid') cache?.store(mark, { sessionId, expiresAt, user }, nowMs);
  return { sessionId, expiresAt, renewed: verdict === 'renew', user };
}
