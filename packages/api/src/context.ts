import type { Actor, Deps, PublicUser } from '@fareway/core';

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
      setHeader: facts.setHeader ?? (() => {}),
      setSessionCookie: (token, expiresAt) => setCookie(SESSION_COOKIE, token, { expires: expiresAt }),
      clearSessionCookie: () => setCookie(SESSION_COOKIE, '', { maxAge: 0 }),
    };
  };
}
