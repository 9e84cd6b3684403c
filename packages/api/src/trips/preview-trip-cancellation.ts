import { previewTripCancellation as previewTripCancellationUseCase } from '@fareway/core';
import { z } from 'zod';
import { orgProcedure } from '../trpc';

export const previewTripCancellation = orgProcedure
  .meta({
    errors: ['TRIP_NOT_FOUND'],
    openapi: {
      method: 'GET',
      path: '/organizations/{organizationId}/trips/{tripId}/cancel-preview',
      tags: ['operators'],
      summary: 'What cancelling the trip now would do: the bookings it cancels and the refund each is owed (nothing changes)',
    },
  })
  .input(z.object({ tripId: z.uuid() }))
  .output(
    z.object({
      tripId: z.uuid(),
      bookings: z.array(
        z.object({
          bookingId: z.uuid(),
          status: z.enum(['pending', 'confirmed']),
          customer: z.object({ name: z.string().nullable(), phone: z.string().nullable() }),
          seats: z.array(z.string()),
          paidMinor: z.number().int(),
          refundMinor: z.number().int(),
        }),
      ),
      cancelledBookings: z.number().int(),
      refundDueMinor: z.number().int(),
      currency: z.string().length(3),
    }),
  )
  .query(({ ctx, input }) => previewTripCancellationUseCase(ctx.deps, ctx.actor, input));
