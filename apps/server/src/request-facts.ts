import type { CookieOptions, RequestFacts, RequestSessions } from '@fareway/api';
// The cookie plugin's types (request.cookies, reply.setCookie), also for programs that reach this file without app.ts.
import type {} from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';

const sessionsByRequest = new WeakMap<FastifyRequest, RequestSessions>();

/**
 * The request's session validations (issue 16): the rate limiter, the Idempotency-Key scope and the
 * procedure each ask for the caller's session; one request validates it once.
 */
export function requestSessions(request: FastifyRequest): RequestSessions {
  let sessions = sessionsByRequest.get(request);
  if (!sessions) {
    sessions = new Map();
    sessionsByRequest.set(request, sessions);
  }
  return sessions;
}

/** The transport-neutral facts of a Fastify request, for tRPC and REST contexts alike. */
export function requestFacts(request: FastifyRequest, reply: FastifyReply, secureCookies: boolean): RequestFacts {
  const header = (name: string) => {
    const value = request.headers[name];
    return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
  };
  return {
    requestId: request.id,
    ip: request.ip,
    userAgent: header('user-agent'),
    authorization: header('authorization'),
    origin: header('origin'),
    cookies: request.cookies,
    sessions: requestSessions(request),
    setHeader: (name, value) => {
      reply.header(name, value);
    },
    setCookie: (name: string, value: string, options: CookieOptions) => {
      // Security: HttpOnly keeps the token away from scripts; SameSite=Lax keeps it off cross-site posts.
      reply.setCookie(name, value, { path: '/', httpOnly: true, sameSite: 'lax', secure: secureCookies, ...options });
    },
  };
}
