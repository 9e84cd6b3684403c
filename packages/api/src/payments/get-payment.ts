import { getPayment as getPaymentUseCase } from '@fareway/core';
import { z } from 'zod';
import { authedProcedure } from '../trpc';
import { PaymentSchema } from './payment-schemas';

export const getPayment = authedProcedure
  .meta({
    errors: ['PAYMENT_NOT_FOUND'],
    openapi: { method: 'GET', path: '/payments/{id}', tags: ['payments'], summary: 'One payment and its status (its customer, admins)' },
  })
  .input(z.object({ id: z.uuid() }))
  .output(PaymentSchema)
  .query(({ ctx, input }) => getPaymentUseCase(ctx.deps, ctx.actor, input.id));
