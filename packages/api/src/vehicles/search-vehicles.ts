import { searchVehicles as searchVehiclesUseCase } from '@fareway/core';
import { z } from 'zod';
import { PageInput, PageMeta } from '../identity-schemas';
import { publicProcedure } from '../trpc';
import { DateTimeInput, VehicleSearchResultSchema } from './vehicle-schemas';

export const searchVehicles = publicProcedure
  .meta({
    errors: [],
    openapi: {
      method: 'GET',
      path: '/vehicles',
      tags: ['vehicles'],
      summary: 'Approved vehicles in a city; with a range, only those free for all of it, each with its price',
    },
  })
  .input(
    PageInput.extend({
      location: z.string().trim().max(80).optional().describe('City, matched case-insensitively'),
      startDate: DateTimeInput.optional(),
      endDate: DateTimeInput.optional(),
      seats: z.coerce.number().int().min(1).max(100).optional(),
    }),
  )
  .output(z.object({ items: z.array(VehicleSearchResultSchema), meta: PageMeta }))
  .query(({ ctx, input }) =>
    searchVehiclesUseCase(ctx.deps, {
      location: input.location,
      start: input.startDate ? new Date(input.startDate) : undefined,
      end: input.endDate ? new Date(input.endDate) : undefined,
      seats: input.seats,
      page: input.page,
      limit: input.limit,
    }),
  );
