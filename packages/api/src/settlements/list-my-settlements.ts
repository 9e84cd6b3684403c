import { listSettlements } from '@fareway/core';
import { authedProcedure } from '../trpc';
import { SettlementFilters, SettlementPage } from './settlement-schemas';

export const listMySettlements = authedProcedure
  .meta({
    errors: [],
    openapi: {
      method: 'GET',
      path: '/settlements',
      tags: ['settlements'],
      summary: 'Your statements as a partner (as a driver, and of the organisations you own), newest month first',
    },
  })
  .input(SettlementFilters)
  .output(SettlementPage)
  .query(({ ctx, input }) => listSettlements(ctx.deps, ctx.actor, input));
