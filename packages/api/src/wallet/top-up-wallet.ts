import { topUpWallet as topUpWalletUseCase } from '@fareway/core';
import { z } from 'zod';
import { originOf } from '../identity-schemas';
import { GatewayProviderSchema, PaymentSchema, ReturnUrlInput } from '../payments/payment-schemas';
import { authedProcedure } from '../trpc';

export const topUpWallet = authedProcedure
  .meta({
    errors: ['PAYMENT_FAILED', 'SERVICE_UNAVAILABLE'],
    openapi: {
      method: 'POST',
      path: '/wallet/top-up',
      tags: ['wallet'],
      summary: 'Add money to the wallet through a gateway (like initiate)',
    },
  })
  .input(z.object({ amountMinor: z.number().int().positive(), provider: GatewayProviderSchema, returnUrl: ReturnUrlInput }))
  .output(PaymentSchema)
  .mutation(({ ctx, input }) => topUpWalletUseCase(ctx.deps, ctx.actor, input, originOf(ctx)));
