import { handOverRental } from '@fareway/core';
import { z } from 'zod';
import { BookingSchema } from '../bookings/booking-schemas';
import { originOf } from '../identity-schemas';
import { authedProcedure } from '../trpc';

export const startRental = authedProcedure
  .meta({
    errors: ['BOOKING_NOT_FOUND', 'HOLD_EXPIRED', 'BOOKING_CANNOT_CANCEL', 'PAYMENT_ALREADY_PROCESSED'],
    openapi: {
      method: 'POST',
      path: '/bookings/{id}/start',
      tags: ['bookings'],
      summary: "Hand the vehicle over: a confirmed rental becomes active (the vehicle's owner or an admin)",
    },
  })
  .input(z.object({ id: z.uuid() }))
  .output(BookingSchema)
  .mutation(({ ctx, input }) => handOverRental(ctx.deps, ctx.actor, { bookingId: input.id, event: 'start' }, originOf(ctx)));

export const completeRental = authedProcedure
  .meta({
    errors: ['BOOKING_NOT_FOUND', 'HOLD_EXPIRED', 'BOOKING_CANNOT_CANCEL', 'PAYMENT_ALREADY_PROCESSED'],
    openapi: {
      method: 'POST',
      path: '/bookings/{id}/complete',
      tags: ['bookings'],
      summary: "Take the vehicle back: an active rental is completed (the vehicle's owner or an admin)",
    },
  })
  .input(z.object({ id: z.uuid() }))
  .output(BookingSchema)
  .mutation(({ ctx, input }) => handOverRental(ctx.deps, ctx.actor, { bookingId: input.id, event: 'complete' }, originOf(ctx)));
