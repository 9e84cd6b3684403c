import { getBooking as getBookingUseCase } from '@fareway/core';
import { z } from 'zod';
import { authedProcedure } from '../trpc';
import { BookingSchema } from './booking-schemas';

export const getBooking = authedProcedure
  .meta({
    errors: ['BOOKING_NOT_FOUND'],
    openapi: { method: 'GET', path: '/bookings/{id}', tags: ['bookings'], summary: 'One booking (its customer, its partner, admins)' },
  })
  .input(z.object({ id: z.uuid() }))
  .output(BookingSchema)
  .query(({ ctx, input }) => getBookingUseCase(ctx.deps, ctx.actor, input.id));
