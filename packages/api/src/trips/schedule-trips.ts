import { scheduleTrips as scheduleTripsUseCase } from '@fareway/core';
import { z } from 'zod';
import { originOf } from '../identity-schemas';
import { ScheduleInput } from '../operators/operator-inputs';
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
  .input(ScheduleInput)
  .output(
    z.object({
      created: z.array(OperatorTripSchema),
      skipped: z.array(
        z.object({ departsAt: z.iso.datetime({ offset: true }), reason: z.enum(['past', 'too_far_ahead', 'exists', 'bus_busy']) }),
      ),
    }),
  )
  .mutation(({ ctx, input }) => scheduleTripsUseCase(ctx.deps, ctx.actor, input, originOf(ctx)));
