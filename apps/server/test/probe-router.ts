import { type AppRouter, appRouter, mergeRouters, publicProcedure, router } from '@fareway/api';
import { AppError } from '@fareway/domain';
import { z } from 'zod';

/**
 * Procedures that exist only in tests, mounted beside the real router, to drive
 * every error path of the transports (REST envelope and tRPC) end to end.
 */
const probe = router({
  probe: router({
    echo: publicProcedure
      .meta({ openapi: { method: 'POST', path: '/probe/echo' } })
      .input(z.object({ name: z.string().min(1), count: z.number().int() }))
      .output(z.object({ name: z.string(), count: z.number() }))
      .mutation(({ input }) => input),
    boom: publicProcedure
      .meta({ openapi: { method: 'POST', path: '/probe/boom' } })
      .input(z.object({}))
      .output(z.object({}))
      .mutation(() => {
        throw new Error('connect ECONNREFUSED password=hunter2 at /srv/fareway/secret.sql');
      }),
    conflict: publicProcedure
      .meta({ openapi: { method: 'POST', path: '/probe/conflict' } })
      .input(z.object({}))
      .output(z.object({}))
      .mutation(() => {
        throw new AppError('SEATS_UNAVAILABLE', 'Some seats are taken', { details: { seats: ['1A', '2C'] } });
      }),
    limited: publicProcedure
      .meta({ openapi: { method: 'GET', path: '/probe/limited' } })
      .input(z.void())
      .output(z.object({}))
      .query(() => {
        throw new AppError('RATE_LIMITED', 'Slow down', { retryAfterSeconds: 42 });
      }),
    list: publicProcedure
      .meta({ openapi: { method: 'GET', path: '/probe/list' } })
      .input(z.object({ page: z.coerce.number().int().min(1).default(1) }))
      .output(z.object({ items: z.array(z.number()), meta: z.object({ page: z.number(), limit: z.number(), total: z.number() }) }))
      .query(({ input }) => ({ items: [1, 2], meta: { page: input.page, limit: 20, total: 22 } })),
  }),
});

export const probeRouter = mergeRouters(appRouter, probe) as unknown as AppRouter;
