import { listOrganizationTrips as listOrganizationTripsUseCase } from '@fareway/core';
import { TRIP_STATES } from '@fareway/domain';
import { z } from 'zod';
import { PageInput, PageMeta } from '../identity-schemas';
import { DateTimeInput } from '../input-rules';
import { orgProcedure } from '../trpc';
import { OperatorTripSchema } from './trip-schemas';

export const listOrganizationTrips = orgProcedure
  .meta({
    errors: ['TRIP_NOT_FOUND'],
    openapi: {
      method: 'GET',
      path: '/organizations/{organizationId}/trips',
      tags: ['operators'],
      summary: "The operator's trips departing from `from` (default now) to `to`, earliest first",
    },
  })
  .input(
    PageInput.extend({
      from: DateTimeInput.optional(),
      to: DateTimeInput.optional(),
      status: z.enum(TRIP_STATES).optional(),
    }),
  )
  .output(z.object({ items: z.array(OperatorTripSchema.extend({ liveReservations: z.number().int() })), meta: PageMeta }))
  .query(({ ctx, input }) =>
    listOrganizationTripsUseCase(ctx.deps, ctx.actor, {
      ...input,
      from: input.from ? new Date(input.from) : undefined,
      to: input.to ? new Date(input.to) : undefined,
    }),
  );
