import { addVehiclePhoto as addVehiclePhotoUseCase, removeVehiclePhoto as removeVehiclePhotoUseCase } from '@fareway/core';
import { z } from 'zod';
import { originOf } from '../identity-schemas';
import { authedProcedure } from '../trpc';
import { VehicleSchema } from './vehicle-schemas';

export const addVehiclePhoto = authedProcedure
  .meta({
    errors: ['NOT_FOUND', 'VEHICLE_NOT_FOUND'],
    openapi: {
      method: 'POST',
      path: '/vehicles/{id}/photos',
      tags: ['vehicles'],
      summary: 'Attach a photo you uploaded with POST /files?purpose=vehicle_photo',
    },
  })
  .input(z.object({ id: z.uuid(), fileId: z.uuid() }))
  .output(VehicleSchema)
  .mutation(({ ctx, input }) => addVehiclePhotoUseCase(ctx.deps, ctx.actor, { vehicleId: input.id, fileId: input.fileId }, originOf(ctx)));

export const removeVehiclePhoto = authedProcedure
  .meta({
    errors: ['NOT_FOUND', 'VEHICLE_NOT_FOUND'],
    openapi: { method: 'DELETE', path: '/vehicles/{id}/photos/{fileId}', tags: ['vehicles'], summary: 'Remove a photo from your vehicle' },
  })
  .input(z.object({ id: z.uuid(), fileId: z.uuid() }))
  .output(VehicleSchema)
  .mutation(({ ctx, input }) =>
    removeVehiclePhotoUseCase(ctx.deps, ctx.actor, { vehicleId: input.id, fileId: input.fileId }, originOf(ctx)),
  );
