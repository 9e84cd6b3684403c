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
      summary:
        'When a car is taken: other cars free for the whole range, in its city first, then other cities nearest first; the same type and closest price first within each',
    },
  })
  .input(z.object({ id: z.uuid(), startDate: DateTimeInput, endDate: DateTimeInput }))
  .output(
    z.object({
      items: z.array(
        VehicleSearchResultSchema.extend({
          place: z
            .object({
              sameCity: z.boolean().describe("In the taken car's city"),
              distanceKm: z
                .number()
                .int()
                .nullable()
                .describe("Straight-line km from the taken car's pick-up point; null without positions"),
            })
            .describe('Where it is, seen from the taken car'),
        }),
      ),
    }),
  )
  .query(async ({ ctx, input }) => ({
    items: await findVehicleAlternativesUseCase(ctx.deps, {
      vehicleId: input.id,
      start: new Date(input.startDate),
      end: new Date(input.endDate),
    }),
  }));
