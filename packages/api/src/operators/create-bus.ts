import { createBus as createBusUseCase } from '@fareway/core';
import { z } from 'zod';
import { originOf } from '../identity-schemas';
import { orgProcedure } from '../trpc';
import { BusSchema } from './operator-schemas';

export const createBus = orgProcedure
  .meta({
    errors: [],
    openapi: {
      method: 'POST',
      path: '/organizations/{organizationId}/buses',
      tags: ['operators'],
      summary: 'Add a bus with one of your seat layouts',
    },
  })
  .input(
    z.object({
      name: z.string().trim().min(1).max(100),
      registrationNumber: z.string().trim().min(2).max(20),
      layoutId: z.uuid(),
    }),
  )
  .output(BusSchema)
  .mutation(({ ctx, input }) => createBusUseCase(ctx.deps, ctx.actor, input, originOf(ctx)));
