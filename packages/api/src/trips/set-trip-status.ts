import { setTripStatus as setTripStatusUseCase } from '@fareway/core';
import { z } from 'zod';
import { originOf } from '../identity-schemas';
import { orgProcedure } from '../trpc';
import { OperatorTripSchema } from './trip-schemas';

export const setTripStatus = orgProcedure
  .meta({
    errors: ['TRIP_NOT_FOUND', 'HOLD_EXPIRED', 'BOOKING_CANNOT_CANCEL', 'PAYMENT_ALREADY_PROCESSED'],
    openapi: {
      method: 'POST',
      path: '/organizations/{organizationId}/trips/{tripId}/status',
      tags: ['operators'],
      summary: 'Move a trip to boarding, departed or completed (its bookings follow)',
    },
  })
  .input(z.object({ tripId: z.uuid(), status: z.enum(['boarding', 'departed', 'completed']) }))
  .output(OperatorTripSchema)
  .mutation(({ ctx, input }) => setTripStatusUseCase(ctx.deps, ctx.actor, input, originOf(ctx)));
