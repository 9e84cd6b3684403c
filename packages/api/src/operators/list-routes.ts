import { listRoutes as listRoutesUseCase } from '@fareway/core';
import { z } from 'zod';
import { orgProcedure } from '../trpc';
import { RouteSchema } from './operator-schemas';

export const listRoutes = orgProcedure
  .meta({
    openapi: {
      method: 'GET',
      path: '/organizations/{organizationId}/routes',
      tags: ['operators'],
      summary: "The operator's routes with their stops",
    },
  })
  .output(z.array(RouteSchema))
  .query(({ ctx, input }) => listRoutesUseCase(ctx.deps, ctx.actor, input));
