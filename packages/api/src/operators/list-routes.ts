import { listRoutes as listRoutesUseCase } from '@fareway/core';
import { z } from 'zod';
import { PageInput, PageMeta } from '../identity-schemas';
import { orgProcedure } from '../trpc';
import { RouteSchema } from './operator-schemas';

export const listRoutes = orgProcedure
  .meta({
    errors: [],
    openapi: {
      method: 'GET',
      path: '/organizations/{organizationId}/routes',
      tags: ['operators'],
      summary: "The operator's routes with their stops",
    },
  })
  .input(PageInput)
  .output(z.object({ items: z.array(RouteSchema), meta: PageMeta }))
  .query(({ ctx, input }) => listRoutesUseCase(ctx.deps, ctx.actor, input));
