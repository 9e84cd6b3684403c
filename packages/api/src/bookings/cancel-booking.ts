import { cancelBooking as cancelBookingUseCase } from '@fareway/core';
import { z } from 'zod';
import { originOf } from '../identity-schemas';
import { authedProcedure } from '../trpc';
import { BookingSchema } from './booking-schemas';

export const cancelBooking = authedProcedure
  .meta({
    errors: ['VALIDATION_ERROR', 'BOOKING_NOT_FOUND', 'HOLD_EXPIRED', 'BOOKING_CANNOT_CANCEL', 'PAYMENT_ALREADY_PROCESSED'],
    openapi: {
      method: 'POST',
      path: '/bookings/{id}/cancel',
      tags: ['bookings'],
      summary: 'Cancel a pending or confirmed booking; the answer carries the refund the policy gives',
    },
  })
  .input(
    z.object({
      id: z.uuid(),
      reason: z.string().trim().max(500).optional(),
      /** `wallet`: the refund is kept in the customer's wallet instead of going back to the card (same currency only). */
      refundTo: z.enum(['original', 'wallet']).optional(),
    }),
  )
  .output(BookingSchema)
  .mutation(({ ctx, input }) =>
    cancelBookingUseCase(ctx.deps, ctx.actor, { bookingId: input.id, reason: input.reason, refundTo: input.refundTo }, originOf(ctx)),
  );
