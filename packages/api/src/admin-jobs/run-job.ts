import { runJob as runJobUseCase } from '@fareway/core';
import { z } from 'zod';
import { originOf } from '../identity-schemas';
import { jobRunnerProcedure } from '../trpc';

export const runJob = jobRunnerProcedure
  .meta({
    // It authenticates itself (an admin's session or the cron's bearer), so the auth codes are declared here.
    errors: ['JOB_NOT_FOUND', 'TOKEN_INVALID', 'TOKEN_EXPIRED', 'FORBIDDEN'],
    openapi: {
      method: 'POST',
      path: '/admin/jobs/{name}',
      tags: ['admin'],
      summary:
        'Run a job now (admin, or an outside cron with `Authorization: Bearer <JOB_SECRET_KEY>`); `payload` as the job takes it, e.g. `{ "period": "2026-02" }` for calculate-settlements',
    },
  })
  .input(
    z.object({
      name: z.string().min(1).max(100),
      payload: z.record(z.string(), z.unknown()).optional().describe('What the job takes; checked by the job'),
    }),
  )
  .output(z.object({ jobId: z.uuid() }))
  .mutation(({ ctx, input }) => runJobUseCase(ctx.deps, ctx.runner, { name: input.name, payload: input.payload }, originOf(ctx)));
