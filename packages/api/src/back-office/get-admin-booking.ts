import { getAdminBooking as getAdminBookingUseCase } from '@fareway/core';
import { z } from 'zod';
import { adminProcedure } from '../trpc';
import { AdminBookingSchema } from './back-office-schemas';

export const getAdminBooking = adminProcedure
  .meta({
    errors: ['BOOKING_NOT_FOUND'],
    openapi: {
      method: 'GET',
      path: '/admin/bookings/{id}',
      tags: ['admin'],
      summary: 'One booking with its customer, payments and their gateway events, refunds, audit timeline and cancel preview (admin)',
    },
  })
  .input(z.object({ id: z.uuid() }))
  .output(AdminBookingSchema)
  .query(({ ctx, input }) => getAdminBookingUseCase(ctx.deps, input.id));
