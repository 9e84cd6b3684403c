import { createContextFactory } from '@fareway/api';
import type { Actor, Deps } from '@fareway/core';
import { AppError } from '@fareway/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { requestFacts } from './request-facts';

/**
 * For plain routes beside tRPC (files, the sandbox pay page): the caller's session, resolved as
 * authedProcedure resolves it — bearer or cookie, a renewed cookie sent back — or null when the
 * request carries no credentials. A bad or expired token throws its AppError.
 */
export function requestActorResolver(deps: Deps, secureCookies: boolean) {
  const createContext = createContextFactory(deps);
  return async (request: FastifyRequest, reply: FastifyReply, mutation: boolean): Promise<Actor | null> => {
    const ctx = createContext(requestFacts(request, reply, secureCookies));
    if (!ctx.credentials) return null;
    // Security: a cookie rides along on cross-site requests; a mutation must come from our own pages (as authedProcedure checks).
    if (mutation && ctx.credentials.via === 'cookie') {
      const own = new URL(deps.config.http.publicUrl).origin;
      if (!ctx.origin || (ctx.origin !== own && !deps.config.http.corsOrigins.includes(ctx.origin))) {
        throw new AppError('FORBIDDEN', 'Cross-site request refused');
      }
    }
    const session = await ctx.validateSession(ctx.credentials.token);
    if (session.renewed && ctx.credentials.via === 'cookie') ctx.setSessionCookie(ctx.credentials.token, session.expiresAt);
    return { userId: session.user.id, roles: session.user.roles, sessionId: session.sessionId };
  };
}
