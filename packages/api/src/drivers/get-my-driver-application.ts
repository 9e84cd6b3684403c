import { getMyDriverApplication as getMyDriverApplicationUseCase } from '@fareway/core';
import { authedProcedure } from '../trpc';
import { DriverApplicationSchema } from './driver-schemas';

export const getMyDriverApplication = authedProcedure
  .meta({
    errors: [],
    openapi: {
      method: 'GET',
      path: '/drivers/applications/me',
      tags: ['drivers'],
      summary: 'Your latest driver application (null if none)',
    },
  })
  .output(DriverApplicationSchema.nullable())
  .query(({ ctx }) => getMyDriverApplicationUseCase(ctx.deps, ctx.actor));
