import { payWithWallet } from '@fareway/core';
import { z } from 'zod';
import { originOf } from '../identity-schemas';
import { authedProcedure } from '../trpc';

export const processPayment = authedProcedure
  .meta({
    errors: ['BOOKING_NOT_FOUND', 'SEATS_UNAVAILABLE', 'HOLD_EXPIRED', 'INSUFFICIENT_BALANCE', 'PAYMENT_ALREADY_PROCESSED'],
    openapi: {
      method: 'POST',
      path: '/payments/process',
      tags: ['payments'],
      summary: 'Pay a held booking from the wallet at once (402 INSUFFICIENT_BALANCE when short)',
    },
  })
  .input(z.object({ bookingId: z.uuid(), method: z.literal('wallet') }))
  .output(z.object({ id: z.uuid(), status: z.literal('completed'), transactionId: z.string(), bookingId: z.uuid() }))
  .mutation(({ ctx, input }) => payWithWallet(ctx.deps, ctx.actor, { bookingId: input.bookingId }, originOf(ctx)));
