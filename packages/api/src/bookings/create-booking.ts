import { createRentalHold } from '@fareway/core';
import { z } from 'zod';
import { originOf } from '../identity-schemas';
import { authedProcedure } from '../trpc';
import { DateTimeInput } from '../vehicles/vehicle-schemas';
import { BookingSchema } from './booking-schemas';

export const createBooking = authedProcedure
  .meta({
    errors: [
      'VEHICLE_NOT_FOUND',
      'BOOKING_CONFLICT',
      'VEHICLE_UNAVAILABLE',
      'HOLD_EXPIRED',
      'HOLD_LIMIT_REACHED',
      'PAYMENT_ALREADY_PROCESSED',
    ],
    openapi: {
      method: 'POST',
      path: '/bookings',
      tags: ['bookings'],
      summary: 'Hold a vehicle for a time range while you pay (status pending until expiresAt)',
    },
  })
  .input(
    z.object({
      vehicleId: z.uuid(),
      startDate: DateTimeInput,
      endDate: DateTimeInput,
      pickupLocation: z.string().trim().max(200).optional(),
    }),
  )
  .output(BookingSchema)
  .mutation(({ ctx, input }) =>
    createRentalHold(
      ctx.deps,
      ctx.actor,
      { vehicleId: input.vehicleId, start: new Date(input.startDate), end: new Date(input.endDate), pickupLocation: input.pickupLocation },
      originOf(ctx),
    ),
  );
