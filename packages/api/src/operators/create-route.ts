import { createRoute as createRouteUseCase } from '@fareway/core';
import { originOf } from '../identity-schemas';
import { orgProcedure } from '../trpc';
import { RouteInput } from './operator-inputs';
import { RouteSchema } from './operator-schemas';

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
  .input(RouteInput)
  .output(RouteSchema)
  .mutation(({ ctx, input }) =>
    createRouteUseCase(
      ctx.deps,
      ctx.actor,
      { ...input, stops: input.stops.map((s) => ({ ...s, fareToNextMinor: s.fareToNextMinor ?? null })) },
      originOf(ctx),
    ),
  );
