import { type Actor, type Deps, type PublicUser, type ValidSession, validateSession } from '@fareway/core';

export const SESSION_COOKIE = 'fareway_session';

export interface CookieOptions {
  expires?: Date;
  maxAge?: number;
}

/** What the HTTP host knows of a request, transport-neutral (tRPC and REST build it alike). */
export interface RequestFacts {
  requestId: string;
  ip: string;
  userAgent?: string | null;
  /** `Authorization: Bearer …` (mobile) — checked before the cookie. */
  authorization?: string | null;
  cookies?: Record<string, string | undefined>;
  /** The Origin header, for the CSRF check of cookie-authenticated mutations. */
  origin?: string | null;
  setHeader?: (name: string, value: string) => void;
  setCookie?: (name: string, value: string, options: CookieOptions) => void;
  /**
   * The request's session validations by token, when the host keeps one map per request: the rate
   * limiter, Idempotency-Key scope and procedure then share one validation (issue 16). Never shared
   * between requests, so a revocation still refuses the very next request.
   */
  sessions?: RequestSessions;
}

export type RequestSessions = Map<string, Promise<ValidSession>>;

/** validateSession, once per token per request when the request has its map (its answer or its refusal, shared). */
export function validateRequestSession(deps: Deps, sessions: RequestSessions | undefined, token: string): Promise<ValidSession> {
  if (!sessions) return validateSession(deps, token);
  let session = sessions.get(token);
  if (!session) {
    session = validateSession(deps, token);
    sessions.set(token, session);
  }
  return session;
}

export interface Credentials {
  token: string;
  via: 'bearer' | 'cookie';
}

/** What every procedure sees. */
export interface Context {
  deps: Deps;
  requestId: string;
  ip: string;
  userAgent: string | null;
  origin: string | null;
  credentials: Credentials | null;
  /** The session behind a token, validated once per request (see RequestFacts.sessions). */
  validateSession: (token: string) => Promise<ValidSession>;
  setHeader: (name: string, value: string) => void;
  setSessionCookie: (token: string, expiresAt: Date) => void;
  clearSessionCookie: () => void;
}

/** Added by authedProcedure. */
export interface AuthedContext extends Context {
  actor: Actor;
  user: PublicUser;
}

export function credentialsOf(facts: Pick<RequestFacts, 'authorization' | 'cookies'>): Credentials | null {
  const header = facts.authorization ?? '';
  const bearer = /^Bearer\s+(\S+)$/i.exec(header);
  if (bearer?.[1]) return { token: bearer[1], via: 'bearer' };
  const cookie = facts.cookies?.[SESSION_COOKIE];
  return cookie ? { token: cookie, via: 'cookie' } : null;
}

export function createContextFactory(deps: Deps) {
  return (facts: RequestFacts): Context => {
    const setCookie = facts.setCookie ?? (() => {});
    return {
      deps,
      requestId: facts.requestId,
      ip: facts.ip,
      userAgent: facts.userAgent ?? null,
      origin: facts.origin ?? null,
      credentials: credentialsOf(facts),
      validateSession: (token) => validateRequestSession(deps, facts.sessions, token),
      setHeader: facts.setHeader ?? (() => {}),
      setSessionCookie: (token, expiresAt) => setCookie(SESSION_COOKIE, token, { expires: expiresAt }),
      clearSessionCookie: () => setCookie(SESSION_COOKIE, '', { maxAge: 0 }),
    };
  };
}
