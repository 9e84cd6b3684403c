import { getReceipt as getReceiptUseCase } from '@fareway/core';
import { z } from 'zod';
import { authedProcedure } from '../trpc';
import { ReceiptSchema } from './ticket-schemas';

export const getReceipt = authedProcedure
  .meta({
    errors: ['BOOKING_NOT_FOUND', 'RECEIPT_NOT_ISSUED'],
    openapi: {
      method: 'GET',
      path: '/bookings/{id}/receipt',
      tags: ['bookings'],
      summary: 'The receipt of a paid booking: lines, payments, refunds and totals',
    },
  })
  .input(z.object({ id: z.uuid() }))
  .output(ReceiptSchema)
  .query(({ ctx, input }) => getReceiptUseCase(ctx.deps, ctx.actor, input.id));
