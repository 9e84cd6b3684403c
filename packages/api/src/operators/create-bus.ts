import { createBus as createBusUseCase } from '@fareway/core';
import { originOf } from '../identity-schemas';
import { orgProcedure } from '../trpc';
import { BusInput } from './operator-inputs';
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
  .input(BusInput)
  .output(BusSchema)
  .mutation(({ ctx, input }) => createBusUseCase(ctx.deps, ctx.actor, input, originOf(ctx)));
