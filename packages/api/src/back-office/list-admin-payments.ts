import { listAdminPayments as listAdminPaymentsUseCase } from '@fareway/core';
import { adminProcedure } from '../trpc';
import { AdminPaymentFilters, AdminPaymentRowSchema, pageOf, rangeOf } from './back-office-schemas';

export const listAdminPayments = adminProcedure
  .meta({
    errors: [],
    openapi: {
      method: 'GET',
      path: '/admin/payments',
      tags: ['admin'],
      summary: 'Every payment, by status, provider, customer phone and time (admin)',
    },
  })
  .input(AdminPaymentFilters)
  .output(pageOf(AdminPaymentRowSchema))
  .query(({ ctx, input }) => listAdminPaymentsUseCase(ctx.deps, { ...input, ...rangeOf(input) }));
