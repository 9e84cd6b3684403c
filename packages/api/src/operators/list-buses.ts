import { listBuses as listBusesUseCase } from '@fareway/core';
import { z } from 'zod';
import { orgProcedure } from '../trpc';
import { BusSchema } from './operator-schemas';

export const listBuses = orgProcedure
  .meta({ openapi: { method: 'GET', path: '/organizations/{organizationId}/buses', tags: ['operators'], summary: "The operator's buses" } })
  .output(z.array(BusSchema))
  .query(({ ctx, input }) => listBusesUseCase(ctx.deps, ctx.actor, input));
