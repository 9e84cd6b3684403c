import { listSeatLayouts as listSeatLayoutsUseCase } from '@fareway/core';
import { z } from 'zod';
import { orgProcedure } from '../trpc';
import { SeatLayoutSchema } from './operator-schemas';

export const listSeatLayouts = orgProcedure
  .meta({
    openapi: {
      method: 'GET',
      path: '/organizations/{organizationId}/seat-layouts',
      tags: ['operators'],
      summary: "The operator's seat layouts",
    },
  })
  .output(z.array(SeatLayoutSchema))
  .query(({ ctx, input }) => listSeatLayoutsUseCase(ctx.deps, ctx.actor, input));
