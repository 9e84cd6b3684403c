import { createRoute as createRouteUseCase } from '@fareway/core';
import { z } from 'zod';
import { originOf } from '../identity-schemas';
import { orgProcedure } from '../trpc';
import { RouteSchema, RouteStopInputSchema } from './operator-schemas';

export const createRoute = orgProcedure
  .meta({
    errors: [],
    openapi: {
      method: 'POST',
      path: '/organizations/{organizationId}/routes',
      tags: ['operators'],
      summary: 'Add a route: ordered stops with minutes after departure and a fare per segment',
    },
  })
  .input(
    z.object({
      name: z.string().trim().min(1).max(120),
      currency: z.string().trim().length(3),
      stops: z.array(RouteStopInputSchema).min(2).max(50),
    }),
  )
  .output(RouteSchema)
  .mutation(({ ctx, input }) =>
    createRouteUseCase(
      ctx.deps,
      ctx.actor,
      { ...input, stops: input.stops.map((s) => ({ ...s, fareToNextMinor: s.fareToNextMinor ?? null })) },
      originOf(ctx),
    ),
  );
