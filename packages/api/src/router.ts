import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import { getStatus } from './system/get-status';
import { createCallerFactory, router } from './trpc';

export const appRouter = router({
  system: router({
    status: getStatus,
  }),
});

export type AppRouter = typeof appRouter;
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;

/** The server-side caller tests and scripts use to drive procedures without HTTP. */
export const createCaller = createCallerFactory(appRouter);
