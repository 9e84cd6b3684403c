import { createVehicle as createVehicleUseCase } from '@fareway/core';
import { originOf } from '../identity-schemas';
import { driverProcedure } from './driver-procedure';
import { VehicleFieldsInput, VehicleSchema } from './vehicle-schemas';

export const createVehicle = driverProcedure
  .meta({
    errors: [],
    openapi: { method: 'POST', path: '/vehicles', tags: ['vehicles'], summary: 'List a vehicle (drivers); it starts as a draft' },
  })
  .input(VehicleFieldsInput)
  .output(VehicleSchema)
  .mutation(({ ctx, input }) => createVehicleUseCase(ctx.deps, ctx.actor, input, originOf(ctx)));
