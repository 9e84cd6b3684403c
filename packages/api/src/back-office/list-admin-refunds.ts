import { listAdminRefunds as listAdminRefundsUseCase } from '@fareway/core';
import { adminProcedure } from '../trpc';
import { AdminRefundFilters, AdminRefundRowSchema, pageOf, rangeOf } from './back-office-schemas';

export const listAdminRefunds = adminProcedure
  .meta({
    errors: [],
    openapi: { method: 'GET', path: '/admin/refunds', tags: ['admin'], summary: 'Every refund, by status, reason and time (admin)' },
  })
  .input(AdminRefundFilters)
  .output(pageOf(AdminRefundRowSchema))
  .query(({ ctx, input }) => listAdminRefundsUseCase(ctx.deps, { ...input, ...rangeOf(input) }));
