import { createSeatLayout as createSeatLayoutUseCase } from '@fareway/core';
import { originOf } from '../identity-schemas';
import { orgProcedure } from '../trpc';
import { SeatLayoutInput } from './operator-inputs';
import { SeatLayoutSchema } from './operator-schemas';

export const createSeatLayout = orgProcedure
  .meta({
    errors: [],
    openapi: {
      method: 'POST',
      path: '/organizations/{organizationId}/seat-layouts',
      tags: ['operators'],
      summary: 'Define a seat layout: list the cells, or ask for a standard coach (left + aisle + right seats per row)',
    },
  })
  .input(SeatLayoutInput)
  .output(SeatLayoutSchema)
  .mutation(({ ctx, input }) => {
    const { organizationId, name } = input;
    const layout = input.standard
      ? { organizationId, name, standard: input.standard }
      : { organizationId, name, rows: input.rows ?? 0, columns: input.columns ?? 0, cells: input.cells ?? [] };
    return createSeatLayoutUseCase(ctx.deps, ctx.actor, layout, originOf(ctx));
  });
