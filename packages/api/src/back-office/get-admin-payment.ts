import { getAdminPayment as getAdminPaymentUseCase } from '@fareway/core';
import { z } from 'zod';
import { adminProcedure } from '../trpc';
import { AdminPaymentSchema } from './back-office-schemas';

export const getAdminPayment = adminProcedure
  .meta({
    errors: ['PAYMENT_NOT_FOUND'],
    openapi: {
      method: 'GET',
      path: '/admin/payments/{id}',
      tags: ['admin'],
      summary: 'One payment with its gateway events, refunds and audit trail (admin)',
    },
  })
  .input(z.object({ id: z.uuid() }))
  .output(AdminPaymentSchema)
  .query(({ ctx, input }) => getAdminPaymentUseCase(ctx.deps, input.id));
