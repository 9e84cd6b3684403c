import { getVehicle as getVehicleUseCase } from '@fareway/core';
import { publicProcedure } from '../trpc';
import { optionalActor } from './optional-actor';
import { VehicleIdInput, VehicleSchema } from './vehicle-schemas';

export const getVehicle = publicProcedure
  .meta({
    errors: ['VEHICLE_NOT_FOUND'],
    openapi: {
      method: 'GET',
      path: '/vehicles/{id}',
      tags: ['vehicles'],
      summary: 'One vehicle (approved ones for everybody; any state for its owner and admins)',
    },
  })
  .input(VehicleIdInput)
  .output(VehicleSchema)
  .query(async ({ ctx, input }) => getVehicleUseCase(ctx.deps, await optionalActor(ctx), input.id));
