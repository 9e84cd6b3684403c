import { initTRPC } from '@trpc/server';
import type { OpenApiMeta } from 'trpc-to-openapi';
import type { Context } from './context';
import { describeError, toTrpcError } from './errors';

const t = initTRPC
  .context<Context>()
  .meta<OpenApiMeta>()
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
