import { listAdminBookings as listAdminBookingsUseCase } from '@fareway/core';
import { adminProcedure } from '../trpc';
import { AdminBookingFilters, AdminBookingRowSchema, pageOf, rangeOf } from './back-office-schemas';

export const listAdminBookings = adminProcedure
  .meta({
    errors: [],
    openapi: {
      method: 'GET',
      path: '/admin/bookings',
      tags: ['admin'],
      summary: 'Every booking, by status, kind, start, customer phone, vehicle, trip or operator (admin)',
    },
  })
  .input(AdminBookingFilters)
  .output(pageOf(AdminBookingRowSchema))
  .query(({ ctx, input }) => listAdminBookingsUseCase(ctx.deps, { ...input, ...rangeOf(input) }));
