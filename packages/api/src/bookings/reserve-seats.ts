import { reserveSeats as reserveSeatsUseCase } from '@fareway/core';
import { z } from 'zod';
import { originOf } from '../identity-schemas';
import { authedProcedure } from '../trpc';
import { BookingSchema } from './booking-schemas';

export const reserveSeats = authedProcedure
  .meta({
    errors: ['TRIP_NOT_FOUND', 'TRIP_NOT_BOOKABLE', 'SEATS_UNAVAILABLE', 'HOLD_EXPIRED', 'HOLD_LIMIT_REACHED', 'PAYMENT_ALREADY_PROCESSED'],
    openapi: {
      method: 'POST',
      path: '/bookings/reserve',
      tags: ['bookings'],
      summary:
        'Hold seats on a trip for a leg, all or none, for 1–15 minutes (default 15): a pending booking with expiresAt. Taken seats answer 409 SEATS_UNAVAILABLE with details.seats',
    },
  })
  .input(
    z.object({
      tripId: z.uuid(),
      seatNumbers: z.array(z.string().trim().min(1).max(8)).min(1).max(60),
      fromStop: z.number().int().min(0).max(1000).optional().describe('0-based stop index; default the first stop'),
      toStop: z.number().int().min(0).max(1000).optional().describe('0-based stop index; default the last stop'),
      holdDurationMinutes: z.number().int().min(1).max(15).optional(),
      passengers: z
        .array(z.object({ seatNo: z.string().trim().min(1).max(8), name: z.string().trim().min(1).max(100) }))
        .max(60)
        .optional(),
    }),
  )
  .output(BookingSchema)
  .mutation(({ ctx, input }) => reserveSeatsUseCase(ctx.deps, ctx.actor, input, originOf(ctx)));
