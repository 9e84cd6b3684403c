import { changeVehicleStatus } from '@fareway/core';
import { originOf } from '../identity-schemas';
import { authedProcedure } from '../trpc';
import { VehicleIdInput, VehicleSchema } from './vehicle-schemas';

export const submitVehicle = authedProcedure
  .meta({
    errors: ['VEHICLE_NOT_FOUND'],
    openapi: {
      method: 'POST',
      path: '/vehicles/{id}/submit',
      tags: ['vehicles'],
      summary: 'Send your draft or rejected vehicle for review',
    },
  })
  .input(VehicleIdInput)
  .output(VehicleSchema)
  .mutation(({ ctx, input }) => changeVehicleStatus(ctx.deps, ctx.actor, { vehicleId: input.id, action: 'submit' }, originOf(ctx)));
