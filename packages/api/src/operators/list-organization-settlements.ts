import { listOrganizationSettlements as listOrganizationSettlementsUseCase } from '@fareway/core';
import { SettlementFilters, SettlementPage } from '../settlements/settlement-schemas';
import { orgProcedure } from '../trpc';

export const listOrganizationSettlements = orgProcedure
  .meta({
    errors: [],
    openapi: {
      method: 'GET',
      path: '/organizations/{organizationId}/settlements',
      tags: ['operators'],
      summary: "The operator's monthly statements (owners), newest month first",
    },
  })
  .input(SettlementFilters)
  .output(SettlementPage)
  .query(({ ctx, input }) => listOrganizationSettlementsUseCase(ctx.deps, ctx.actor, input));
