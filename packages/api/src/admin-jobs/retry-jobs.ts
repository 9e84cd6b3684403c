import { retryFailedJobs } from '@fareway/core';
import { z } from 'zod';
import { originOf } from '../identity-schemas';
import { adminProcedure } from '../trpc';

export const retryJobs = adminProcedure
  .meta({
    errors: ['JOB_NOT_FOUND'],
    openapi: {
      method: 'POST',
      path: '/admin/jobs/{name}/retry',
      tags: ['admin'],
      summary: 'Retry every failed job of a queue (admin)',
    },
  })
  .input(z.object({ name: z.string().min(1).max(100) }))
  .output(z.object({ retried: z.number().int() }))
  .mutation(({ ctx, input }) => retryFailedJobs(ctx.deps, ctx.actor, input, originOf(ctx)));
