import { searchTrips as searchTripsUseCase } from '@fareway/core';
import { z } from 'zod';
import { PageInput, PageMeta } from '../identity-schemas';
import { DateInput } from '../input-rules';
import { publicProcedure } from '../trpc';
import { TripSearchResultSchema } from './trip-schemas';

export const searchTrips = publicProcedure
  .meta({
    errors: [],
    openapi: {
      method: 'GET',
      path: '/trips',
      tags: ['trips'],
      summary: 'Upcoming trips; origin/destination match a stop name or city, date is the local date of leaving the origin',
    },
  })
  .input(
    PageInput.extend({
      origin: z.string().trim().max(100).optional(),
      destination: z.string().trim().max(100).optional(),
      date: DateInput.optional(),
    }),
  )
  .output(z.object({ items: z.array(TripSearchResultSchema), meta: PageMeta }))
  .query(({ ctx, input }) => searchTripsUseCase(ctx.deps, input));
