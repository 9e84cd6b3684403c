import { getTrip as getTripUseCase } from '@fareway/core';
import { z } from 'zod';
import { publicProcedure } from '../trpc';
import { PublicTripSchema } from './trip-schemas';

export const getTrip = publicProcedure
  .meta({
    errors: ['TRIP_NOT_FOUND'],
    openapi: { method: 'GET', path: '/trips/{id}', tags: ['trips'], summary: 'A trip: stops, times, fares and the seat layout' },
  })
  .input(z.object({ id: z.uuid() }))
  .output(PublicTripSchema)
  .query(({ ctx, input }) => getTripUseCase(ctx.deps, input.id));
