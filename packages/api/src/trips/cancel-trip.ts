import { cancelTrip as cancelTripUseCase } from '@fareway/core';
import { z } from 'zod';
import { originOf } from '../identity-schemas';
import { orgProcedure } from '../trpc';
import { OperatorTripSchema } from './trip-schemas';

export const cancelTrip = orgProcedure
  .meta({
    errors: ['BOOKING_NOT_FOUND', 'TRIP_NOT_FOUND', 'HOLD_EXPIRED', 'BOOKING_CANNOT_CANCEL', 'PAYMENT_ALREADY_PROCESSED'],
    openapi: {
      method: 'POST',
      path: '/organizations/{organizationId}/trips/{tripId}/cancel',
      tags: ['operators'],
      summary: 'Cancel a trip that has not left; all its bookings are cancelled with full refunds due',
    },
  })
  .input(z.object({ tripId: z.uuid(), reason: z.string().trim().max(500).optional() }))
  .output(
    z.object({
      trip: OperatorTripSchema,
      cancelledBookings: z.number().int(),
      refundDueMinor: z.number().int(),
      currency: z.string().length(3),
    }),
  )
  .mutation(({ ctx, input }) => cancelTripUseCase(ctx.deps, ctx.actor, input, originOf(ctx)));
