import { listOrganizationBookings as listOrganizationBookingsUseCase } from '@fareway/core';
import { AdminBookingFilters, AdminBookingRowSchema, pageOf, rangeOf } from '../back-office/back-office-schemas';
import { orgProcedure } from '../trpc';

export const listOrganizationBookings = orgProcedure
  .meta({
    errors: [],
    openapi: {
      method: 'GET',
      path: '/organizations/{organizationId}/bookings',
      tags: ['operators'],
      summary: "Seat bookings on the operator's trips, by status, departure, customer phone or trip",
    },
  })
  .input(AdminBookingFilters.omit({ organizationId: true, vehicleId: true, kind: true }))
  .output(pageOf(AdminBookingRowSchema))
  .query(({ ctx, input }) => listOrganizationBookingsUseCase(ctx.deps, ctx.actor, { ...input, ...rangeOf(input) }));
