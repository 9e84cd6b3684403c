import { scheduleTrips as scheduleTripsUseCase } from '@fareway/core';
import { z } from 'zod';
import { originOf } from '../identity-schemas';
import { DateInput } from '../input-rules';
import { orgProcedure } from '../trpc';
import { OperatorTripSchema } from './trip-schemas';

export const scheduleTrips = orgProcedure
  .meta({
    errors: ['NOT_FOUND', 'TRIP_NOT_FOUND'],
    openapi: {
      method: 'POST',
      path: '/organizations/{organizationId}/trips/schedule',
      tags: ['operators'],
      summary: 'Timetable in bulk: the route on the bus at local times each day for N days (existing departures are skipped)',
    },
  })
  .input(
    z.object({
      routeId: z.uuid(),
      busId: z.uuid(),
      startDate: DateInput.meta({ examples: ['2026-03-01'] }),
      days: z.number().int().min(1).max(62),
      departureTimes: z
        .array(
          z
            .string()
            .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'expected HH:MM' })
            .meta({ examples: ['06:30'] }),
        )
        .min(1)
        .max(24),
    }),
  )
  .output(
    z.object({
      created: z.array(OperatorTripSchema),
      skipped: z.array(
        z.object({ departsAt: z.iso.datetime({ offset: true }), reason: z.enum(['past', 'too_far_ahead', 'exists', 'bus_busy']) }),
      ),
    }),
  )
  .mutation(({ ctx, input }) => scheduleTripsUseCase(ctx.deps, ctx.actor, input, originOf(ctx)));
