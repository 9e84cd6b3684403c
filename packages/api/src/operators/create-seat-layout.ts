import { createSeatLayout as createSeatLayoutUseCase } from '@fareway/core';
import { z } from 'zod';
import { originOf } from '../identity-schemas';
import { orgProcedure } from '../trpc';
import { LayoutCellSchema, SeatLayoutSchema } from './operator-schemas';

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
  .input(
    z
      .object({
        name: z.string().trim().min(1).max(100),
        rows: z.number().int().min(1).max(40).optional(),
        columns: z.number().int().min(1).max(10).optional(),
        cells: z.array(LayoutCellSchema).max(400).optional(),
        standard: z
          .object({
            rows: z.number().int().min(1).max(40),
            left: z.number().int().min(1).max(4).optional(),
            right: z.number().int().min(1).max(4).optional(),
            fullBackRow: z.boolean().optional(),
            seatClass: z.string().trim().min(1).max(32).optional(),
          })
          .optional(),
      })
      .refine((v) => (v.standard !== undefined) !== (v.cells !== undefined && v.rows !== undefined && v.columns !== undefined), {
        message: 'Give either `standard`, or `rows`, `columns` and `cells`',
        path: ['cells'],
      }),
  )
  .output(SeatLayoutSchema)
  .mutation(({ ctx, input }) => {
    const { organizationId, name } = input;
    const layout = input.standard
      ? { organizationId, name, standard: input.standard }
      : { organizationId, name, rows: input.rows ?? 0, columns: input.columns ?? 0, cells: input.cells ?? [] };
    return createSeatLayoutUseCase(ctx.deps, ctx.actor, layout, originOf(ctx));
  });
