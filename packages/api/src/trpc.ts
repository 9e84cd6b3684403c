import { isAdmin, loadOrganizationFor, validateSession } from '@fareway/core';
import { AppError, type ErrorCode } from '@fareway/domain';
import { initTRPC } from '@trpc/server';
import type { OpenApiMeta } from 'trpc-to-openapi';
import { z } from 'zod';
import type { Context } from './context';
import { describeError, toTrpcError } from './errors';

/** The procedure meta this API adds beside `openapi`: the domain error codes the operation can answer with. */
export type ErrorsMeta = {
  /**
   * Codes the use case can throw, beyond what the OpenAPI transform infers from the procedure's
   * middleware (auth, admin, organisation, input, Idempotency-Key). Omitted: the document lists
   * the whole error envelope as `default`, so an undeclared procedure still validates.
   */
  errors?: readonly ErrorCode[];
};

const t = initTRPC
  .context<Context>()
  .meta<OpenApiMeta<ErrorsMeta>>()
  .create({
    // Never send stack traces to a client, whatever NODE_ENV says.
    isDev: false,
    errorFormatter({ shape, error, ctx }) {
      const { message, data } = describeError(error, ctx?.requestId ?? null);
      return { ...shape, message, data: { code: shape.data.code, path: shape.data.path, ...data } };
    },
  });

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const middleware = t.middleware;

/** Every procedure starts here: AppErrors leave with the tRPC code (and HTTP status) of the one error table. */
export const publicProcedure = t.procedure.use(async ({ next, ctx }) => {
  const result = await next();
  if (!result.ok) {
    const error = toTrpcError(result.error) as typeof result.error;
    const retryAfter = (error.cause as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
    if (retryAfter !== undefined) ctx.setHeader('Retry-After', String(retryAfter));
    throw error;
  }
  return result;
});
export const mergeRouters = t.mergeRouters;

/** The origins a cookie-carrying browser mutation may come from (CSRF). */
function originAllowed(ctx: Context): boolean {
  if (!ctx.origin) return false;
  const own = new URL(ctx.deps.config.http.publicUrl).origin;
  return ctx.origin === own || ctx.deps.config.http.corsOrigins.includes(ctx.origin);
}

/** A signed-in caller: bearer token (mobile) or session cookie (SPAs). */
export const authedProcedure = publicProcedure.use(async ({ ctx, type, next }) => {
  if (!ctx.credentials) throw new AppError('TOKEN_INVALID', 'Sign in first: no session token was sent');
  // Security: a cookie rides along on cross-site requests; a mutation must prove it came from our own pages.
  if (type === 'mutation' && ctx.credentials.via === 'cookie' && !originAllowed(ctx)) {
    throw new AppError('FORBIDDEN', 'Cross-site request refused');
  }
  const session = await validateSession(ctx.deps, ctx.credentials.token);
  if (session.renewed && ctx.credentials.via === 'cookie') ctx.setSessionCookie(ctx.credentials.token, session.expiresAt);
  return next({
    ctx: {
      ...ctx,
      user: session.user,
      actor: { userId: session.user.id, roles: session.user.roles, sessionId: session.sessionId },
    },
  });
});

export const adminProcedure = authedProcedure.use(async ({ ctx, next }) => {
  if (!isAdmin(ctx.actor)) throw new AppError('FORBIDDEN', 'Only an admin may do that');
  return next();
});

/**
 * Procedures on one operator organisation: the input carries `organizationId`;
 * members (and admins) pass, anyone else is told it does not exist.
 */
export const orgProcedure = authedProcedure.input(z.object({ organizationId: z.uuid() })).use(async ({ ctx, input, next }) => {
  const { organization, role } = await loadOrganizationFor(ctx.deps.db, ctx.actor, input.organizationId);
  return next({ ctx: { ...ctx, organization, organizationRole: role } });
});
