import { initiatePayment as initiatePaymentUseCase } from '@fareway/core';
import { z } from 'zod';
import { originOf } from '../identity-schemas';
import { authedProcedure } from '../trpc';
import { GatewayProviderSchema, PaymentSchema, ReturnUrlInput } from './payment-schemas';

export const initiatePayment = authedProcedure
  .meta({
    errors: ['BOOKING_NOT_FOUND', 'HOLD_EXPIRED', 'PAYMENT_FAILED', 'PAYMENT_ALREADY_PROCESSED', 'SERVICE_UNAVAILABLE'],
    openapi: {
      method: 'POST',
      path: '/payments/initiate',
      tags: ['payments'],
      summary: 'Start paying a held booking through a gateway; extends the hold once; returns what the client opens',
    },
  })
  .input(
    z.object({
      bookingId: z.uuid(),
      provider: GatewayProviderSchema,
      method: z.string().trim().min(1).max(40).optional(),
      returnUrl: ReturnUrlInput,
    }),
  )
  .output(PaymentSchema)
  .mutation(({ ctx, input }) => initiatePaymentUseCase(ctx.deps, ctx.actor, input, originOf(ctx)));
