import { listMyVehicles as listMyVehiclesUseCase, listVehiclesForReview as listVehiclesForReviewUseCase } from '@fareway/core';
import { VEHICLE_STATES } from '@fareway/domain';
import { z } from 'zod';
import { PageInput, PageMeta } from '../identity-schemas';
import { adminProcedure, authedProcedure } from '../trpc';
import { ReviewVehicleSchema, VehicleSchema } from './vehicle-schemas';

const Page = z.object({ items: z.array(VehicleSchema), meta: PageMeta });

export const listMyVehicles = authedProcedure
  .meta({ errors: [], openapi: { method: 'GET', path: '/driver/vehicles', tags: ['vehicles'], summary: 'Your vehicles, in every state' } })
  .input(PageInput.extend({ status: z.enum(VEHICLE_STATES).optional() }))
  .output(Page)
  .query(({ ctx, input }) => listMyVehiclesUseCase(ctx.deps, ctx.actor, input));

export const listVehiclesForReview = adminProcedure
  .meta({
    errors: [],
    openapi: {
      method: 'GET',
      path: '/admin/vehicles',
      tags: ['admin'],
      summary: 'Vehicles by state, oldest first, with their owner and the owner’s papers (admin; default: waiting for review)',
    },
  })
  .input(
    PageInput.extend({
      status: z.enum(VEHICLE_STATES).default('pending_review'),
      q: z.string().trim().max(100).optional().describe('Part of the make and model, the city, or the owner’s name, email or phone'),
    }),
  )
  .output(z.object({ items: z.array(ReviewVehicleSchema), meta: PageMeta }))
  .query(({ ctx, input }) => listVehiclesForReviewUseCase(ctx.deps, input));
