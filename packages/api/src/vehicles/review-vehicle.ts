import { changeVehicleStatus } from '@fareway/core';
import { z } from 'zod';
import { originOf } from '../identity-schemas';
import { adminProcedure } from '../trpc';
import { VehicleSchema } from './vehicle-schemas';

const Reason = z.string().trim().min(3).max(500);

function reviewProcedure(action: 'approve' | 'reject' | 'suspend' | 'reinstate', summary: string, needsReason: boolean) {
  return adminProcedure
    .meta({ errors: ['VEHICLE_NOT_FOUND'], openapi: { method: 'POST', path: `/admin/vehicles/{id}/${action}`, tags: ['admin'], summary } })
    .input(z.object({ id: z.uuid(), reason: needsReason ? Reason : Reason.optional() }))
    .output(VehicleSchema)
    .mutation(({ ctx, input }) =>
      changeVehicleStatus(ctx.deps, ctx.actor, { vehicleId: input.id, action, reason: input.reason }, originOf(ctx)),
    );
}

export const approveVehicle = reviewProcedure(
  'approve',
  'Approve a vehicle under review, with an optional note its owner reads (admin)',
  false,
);
export const rejectVehicle = reviewProcedure('reject', 'Reject a vehicle under review, with a reason (admin)', true);
export const suspendVehicle = reviewProcedure('suspend', 'Take an approved vehicle off the market, with a reason (admin)', true);
export const reinstateVehicle = reviewProcedure('reinstate', 'Put a suspended vehicle back on the market (admin)', false);
