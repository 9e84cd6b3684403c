import { listSeatLayouts as listSeatLayoutsUseCase } from '@fareway/core';
import { z } from 'zod';
import { PageInput, PageMeta } from '../identity-schemas';
import { orgProcedure } from '../trpc';
import { SeatLayoutSchema } from './operator-schemas';

export const listSeatLayouts = orgProcedure
  .meta({
    errors: [],
    openapi: {
      method: 'GET',
      path: '/organizations/{organizationId}/seat-layouts',
      tags: ['operators'],
      summary: "The operator's seat layouts",
    },
  })
  .input(PageInput)
  .output(z.object({ items: z.array(SeatLayoutSchema), meta: PageMeta }))
  .query(({ ctx, input }) => listSeatLayoutsUseCase(ctx.deps, ctx.actor, input));
