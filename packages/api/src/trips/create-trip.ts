import { createTrip as createTripUseCase } from '@fareway/core';
import { z } from 'zod';
import { originOf } from '../identity-schemas';
import { DateTimeInput } from '../input-rules';
import { orgProcedure } from '../trpc';
import { OperatorTripSchema } from './trip-schemas';

export const createTrip = orgProcedure
  .meta({
    errors: ['NOT_FOUND', 'TRIP_NOT_FOUND'],
    openapi: {
      method: 'POST',
      path: '/organizations/{organizationId}/trips',
      tags: ['operators'],
      summary: 'Schedule one trip of a route on a bus, leaving the first stop at departsAt',
    },
  })
  .input(z.object({ routeId: z.uuid(), busId: z.uuid(), departsAt: DateTimeInput }))
  .output(OperatorTripSchema)
  .mutation(({ ctx, input }) => createTripUseCase(ctx.deps, ctx.actor, { ...input, departsAt: new Date(input.departsAt) }, originOf(ctx)));
