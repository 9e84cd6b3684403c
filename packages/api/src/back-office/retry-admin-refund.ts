import { retryRefund } from '@fareway/core';
import { z } from 'zod';
import { originOf } from '../identity-schemas';
import { adminProcedure } from '../trpc';
import { AdminRefundSchema } from './back-office-schemas';

export const retryAdminRefund = adminProcedure
  .meta({
    errors: ['REFUND_NOT_FOUND', 'REFUND_NOT_RETRYABLE', 'REFUND_EXCEEDS_CAPTURED'],
    openapi: {
      method: 'POST',
      path: '/admin/refunds/{id}/retry',
      tags: ['admin'],
      summary: 'Try a failed refund again: back to pending, its process-refunds job enqueued (admin)',
    },
  })
  .input(z.object({ id: z.uuid() }))
  .output(AdminRefundSchema)
  .mutation(({ ctx, input }) => retryRefund(ctx.deps, ctx.actor, { refundId: input.id }, originOf(ctx)));
