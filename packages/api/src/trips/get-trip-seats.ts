import { getTripSeats as getTripSeatsUseCase } from '@fareway/core';
import { z } from 'zod';
import { publicProcedure } from '../trpc';
import { StopIndex, TripSeatMapSchema } from './trip-schemas';

export const getTripSeats = publicProcedure
  .meta({
    errors: ['TRIP_NOT_FOUND'],
    openapi: {
      method: 'GET',
      path: '/trips/{id}/seats',
      tags: ['trips'],
      summary: 'Each seat free, held or sold for the leg fromStop→toStop (0-based; omitted = the whole trip)',
    },
  })
  .input(z.object({ id: z.uuid(), fromStop: StopIndex.optional(), toStop: StopIndex.optional() }))
  .output(TripSeatMapSchema)
  .query(({ ctx, input }) => getTripSeatsUseCase(ctx.deps, { tripId: input.id, fromStop: input.fromStop, toStop: input.toStop }));
