import { findSeatAlternatives as findSeatAlternativesUseCase } from '@fareway/core';
import { z } from 'zod';
import { publicProcedure } from '../trpc';
import { StopIndex, TripSearchResultSchema } from './trip-schemas';

export const findSeatAlternatives = publicProcedure
  .meta({
    errors: ['TRIP_NOT_FOUND'],
    openapi: {
      method: 'GET',
      path: '/trips/{id}/alternatives',
      tags: ['trips'],
      summary: 'When seats are taken: the free seats on the same leg, and the next trips between the same stops with room',
    },
  })
  .input(
    z.object({
      id: z.uuid(),
      fromStop: StopIndex.optional(),
      toStop: StopIndex.optional(),
      seats: z.coerce.number().int().min(1).max(10).default(1).describe('How many seats the party needs'),
    }),
  )
  .output(
    z.object({
      sameTrip: z.object({ tripId: z.uuid(), fromStop: z.number().int(), toStop: z.number().int(), freeSeats: z.array(z.string()) }),
      laterTrips: z.array(TripSearchResultSchema),
    }),
  )
  .query(({ ctx, input }) =>
    findSeatAlternativesUseCase(ctx.deps, { tripId: input.id, fromStop: input.fromStop, toStop: input.toStop, seats: input.seats }),
  );
