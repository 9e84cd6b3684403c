import { getWallet as getWalletUseCase } from '@fareway/core';
import { z } from 'zod';
import { authedProcedure } from '../trpc';

export const getWallet = authedProcedure
  .meta({
    errors: [],
    openapi: { method: 'GET', path: '/wallet', tags: ['wallet'], summary: "The caller's wallet balance (from the ledger)" },
  })
  .input(z.object({}).optional())
  .output(z.object({ balanceMinor: z.number().int(), currency: z.string().length(3) }))
  .query(({ ctx }) => getWalletUseCase(ctx.deps, ctx.actor));
