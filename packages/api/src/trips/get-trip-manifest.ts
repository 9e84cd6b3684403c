import { getTripManifest as getTripManifestUseCase } from '@fareway/core';
import { BOOKING_STATUSES } from '@fareway/domain';
import { z } from 'zod';
import { orgProcedure } from '../trpc';
import { OperatorTripSchema } from './trip-schemas';

export const getTripManifest = orgProcedure
  .meta({
    errors: ['TRIP_NOT_FOUND'],
    openapi: {
      method: 'GET',
      path: '/organizations/{organizationId}/trips/{tripId}/manifest',
      tags: ['operators'],
      summary: 'Who sits where: seat, passenger, leg and booking status',
    },
  })
  .input(z.object({ tripId: z.uuid() }))
  .output(
    z.object({
      trip: OperatorTripSchema,
      passengers: z.array(
        z.object({
          seatNo: z.string(),
          passengerName: z.string().nullable(),
          fromStop: z.number().int(),
          toStop: z.number().int(),
          bookingId: z.uuid(),
          status: z.enum(BOOKING_STATUSES),
          fareMinor: z.number().int(),
          customer: z.object({ name: z.string().nullable(), phone: z.string().nullable() }),
        }),
      ),
      counts: z.object({ held: z.number().int(), sold: z.number().int(), cancelled: z.number().int() }),
    }),
  )
  .query(({ ctx, input }) => getTripManifestUseCase(ctx.deps, ctx.actor, input));
