import {
  createBlackout as createBlackoutUseCase,
  deleteBlackout as deleteBlackoutUseCase,
  listBlackouts as listBlackoutsUseCase,
} from '@fareway/core';
import { z } from 'zod';
import { originOf, PageInput, PageMeta } from '../identity-schemas';
import { authedProcedure } from '../trpc';
import { BlackoutSchema, DateTimeInput } from './vehicle-schemas';

export const createBlackout = authedProcedure
  .meta({
    errors: ['NOT_FOUND', 'VEHICLE_NOT_FOUND', 'BOOKING_CONFLICT'],
    openapi: {
      method: 'POST',
      path: '/vehicles/{id}/blackouts',
      tags: ['vehicles'],
      summary: 'Block a period of your vehicle (maintenance, personal use); refused over a live booking',
    },
  })
  .input(z.object({ id: z.uuid(), startDate: DateTimeInput, endDate: DateTimeInput, reason: z.string().trim().max(300).optional() }))
  .output(BlackoutSchema)
  .mutation(({ ctx, input }) =>
    createBlackoutUseCase(
      ctx.deps,
      ctx.actor,
      { vehicleId: input.id, start: new Date(input.startDate), end: new Date(input.endDate), reason: input.reason },
      originOf(ctx),
    ),
  );

export const deleteBlackout = authedProcedure
  .meta({
    errors: ['NOT_FOUND', 'VEHICLE_NOT_FOUND'],
    openapi: { method: 'DELETE', path: '/vehicles/{id}/blackouts/{blackoutId}', tags: ['vehicles'], summary: 'Lift a blackout' },
  })
  .input(z.object({ id: z.uuid(), blackoutId: z.uuid() }))
  .output(z.object({ deleted: z.literal(true) }))
  .mutation(({ ctx, input }) =>
    deleteBlackoutUseCase(ctx.deps, ctx.actor, { vehicleId: input.id, blackoutId: input.blackoutId }, originOf(ctx)),
  );

export const listBlackouts = authedProcedure
  .meta({
    errors: ['NOT_FOUND', 'VEHICLE_NOT_FOUND'],
    openapi: {
      method: 'GET',
      path: '/vehicles/{id}/blackouts',
      tags: ['vehicles'],
      summary: "Your vehicle's blackouts that are not over yet",
    },
  })
  .input(PageInput.extend({ id: z.uuid() }))
  .output(z.object({ items: z.array(BlackoutSchema), meta: PageMeta }))
  .query(({ ctx, input }) => listBlackoutsUseCase(ctx.deps, ctx.actor, { vehicleId: input.id, page: input.page, limit: input.limit }));
