import { listBuses as listBusesUseCase } from '@fareway/core';
import { z } from 'zod';
import { PageInput, PageMeta } from '../identity-schemas';
import { orgProcedure } from '../trpc';
import { BusSchema } from './operator-schemas';

export const listBuses = orgProcedure
  .meta({
    errors: [],
    openapi: { method: 'GET', path: '/organizations/{organizationId}/buses', tags: ['operators'], summary: "The operator's buses" },
  })
  .input(PageInput)
  .output(z.object({ items: z.array(BusSchema), meta: PageMeta }))
  .query(({ ctx, input }) => listBusesUseCase(ctx.deps, ctx.actor, input));
