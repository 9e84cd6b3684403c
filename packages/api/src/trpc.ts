import { constantTimeEqual, isAdmin, loadOrganizationFor } from '@fareway/core';
import { AppError, type ErrorCode } from '@fareway/domain';
import { initTRPC } from '@trpc/server';
import type { OpenApiMeta } from 'trpc-to-openapi';
import { z } from 'zod';
import type { Context } from './context';
import { describeError, toTrpcError } from './errors';
import { findUnsafeString } from './input-rules';

/** The procedure meta this API adds beside `openapi`: the domain error codes the operation can answer with. */
export type ErrorsMeta = {
  /**
   * Codes the use case can throw, beyond what the OpenAPI transform infers from the procedure's
   * middleware (auth, admin, organisation, input, Idempotency-Key). Every REST procedure declares
   * it, even empty (packages/api/test/router.test.ts); routes served beside the router may not.
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

/**
 * Every procedure starts here: AppErrors leave with the tRPC code (and HTTP status) of the one error table,
 * and no string with a NUL or a lone surrogate gets past (Postgres would fail on it with a 500).
 */
export const publicProcedure = t.procedure.use(async ({ next, ctx, getRawInput }) => {
  const unsafe = findUnsafeString(await getRawInput());
  if (unsafe) {
    throw toTrpcError(new AppError('VALIDATION_ERROR', 'Input validation failed', { details: [unsafe] })) as Error;
  }
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

/** The session behind the request's credentials (bearer or cookie), as every signed-in procedure resolves it. */
async function authenticate(ctx: Context, type: string) {
  if (!ctx.credentials) throw new AppError('TOKEN_INVALID', 'Sign in first: no session token was sent');
  // Security: a cookie rides along on cross-site requests; a mutation must prove it came from our own pages.
  if (type === 'mutation' && ctx.credentials.via === 'cookie' && !originAllowed(ctx)) {
    throw new AppError('FORBIDDEN', 'Cross-site request refused');
  }
  const session = await ctx.validateSession(ctx.credentials.token);
  if (session.renewed && ctx.credentials.via === 'cookie') ctx.setSessionCookie(ctx.credentials.token, session.expiresAt);
  return { user: session.user, actor: { userId: session.user.id, roles: session.user.roles, sessionId: session.sessionId } };
}

/**
 * A signed-in caller: bearer token (mobile) or session cookie (SPAs). Middlewares hand `next` only what
 * they add: tRPC merges it into the context (spreading the whole context again copied it twice per request).
 */
export const authedProcedure = publicProcedure.use(async ({ ctx, type, next }) => {
  const { user, actor } = await authenticate(ctx, type);
  return next({ ctx: { user, actor } });
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
  return next({ ctx: { organization, organizationRole: role } });
});

/**
 * Running jobs: an admin's session, or an outside cron presenting
 * `Authorization: Bearer <JOB_SECRET_KEY>`. While the key is unset, that bearer
 * is just an unknown session token (401).
 */
export const jobRunnerProcedure = publicProcedure.use(async ({ ctx, type, next }) => {
  const secret = ctx.deps.config.worker.jobSecretKey;
  // Security: compared in constant time, so the key cannot be guessed a byte at a time.
  if (secret && ctx.credentials?.via === 'bearer' && constantTimeEqual(ctx.credentials.token, secret)) {
    return next({ ctx: { runner: { cron: true } as const } });
  }
  const { actor } = await authenticate(ctx, type);
  if (!isAdmin(actor)) throw new AppError('FORBIDDEN', 'Only an admin may do that');
  return next({ ctx: { runner: { userId: actor.userId } } });
});
