import { updateVehicle as updateVehicleUseCase } from '@fareway/core';
import { z } from 'zod';
import { originOf } from '../identity-schemas';
import { authedProcedure } from '../trpc';
import { VehicleFieldsInput, VehicleSchema } from './vehicle-schemas';

export const updateVehicle = authedProcedure
  .meta({
    errors: ['VEHICLE_NOT_FOUND'],
    openapi: {
      method: 'PATCH',
      path: '/vehicles/{id}',
      tags: ['vehicles'],
      summary:
        'Edit your vehicle; changing make, model, year, type, seats, gearbox, fuel, city or zone of an approved one sends it back to review',
    },
  })
  .input(
    z.object({
      id: z.uuid(),
      ...VehicleFieldsInput.partial().shape,
      // Partial: an absent field stays as it is (no defaults here).
      description: z.string().trim().max(2000).nullable().optional(),
      latitude: z.number().min(-90).max(90).nullable().optional(),
      longitude: z.number().min(-180).max(180).nullable().optional(),
      bufferMinutes: z.number().int().min(0).max(10_080).optional(),
    }),
  )
  .output(VehicleSchema)
  .mutation(({ ctx, input: { id, ...changes } }) => updateVehicleUseCase(ctx.deps, ctx.actor, { vehicleId: id, changes }, originOf(ctx)));
