import { loadSettlement } from '@fareway/core';
import { z } from 'zod';
import { authedProcedure } from '../trpc';
import { SettlementWithLinesSchema } from './settlement-schemas';

export const getMySettlement = authedProcedure
  .meta({
    errors: ['SETTLEMENT_NOT_FOUND'],
    openapi: {
      method: 'GET',
      path: '/settlements/{id}',
      tags: ['settlements'],
      summary: 'One of your statements with a line per booking (another partner’s answers 404)',
    },
  })
  .input(z.object({ id: z.uuid() }))
  .output(SettlementWithLinesSchema)
  .query(({ ctx, input }) => loadSettlement(ctx.deps.db, input.id, ctx.actor));
