import { findVehicleAlternatives as findVehicleAlternativesUseCase } from '@fareway/core';
import { z } from 'zod';
import { publicProcedure } from '../trpc';
import { DateTimeInput, VehicleSearchResultSchema } from './vehicle-schemas';

export const findVehicleAlternatives = publicProcedure
  .meta({
    errors: ['VEHICLE_NOT_FOUND'],
    openapi: {
      method: 'GET',
      path: '/vehicles/{id}/alternatives',
      tags: ['vehicles'],
      summary: 'When a car is taken: other cars in its city free for the whole range, the same type and closest price first',
    },
  })
  .input(z.object({ id: z.uuid(), startDate: DateTimeInput, endDate: DateTimeInput }))
  .output(z.object({ items: z.array(VehicleSearchResultSchema) }))
  .query(async ({ ctx, input }) => ({
    items: await findVehicleAlternativesUseCase(ctx.deps, {
      vehicleId: input.id,
      start: new Date(input.startDate),
      end: new Date(input.endDate),
    }),
  }));
