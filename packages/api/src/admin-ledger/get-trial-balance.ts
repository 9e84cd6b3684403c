import { getTrialBalance as getTrialBalanceUseCase } from '@fareway/core';
import { z } from 'zod';
import { adminProcedure } from '../trpc';
import { NamedAccountSchema } from './ledger-schemas';

export const getTrialBalance = adminProcedure
  .meta({
    errors: [],
    openapi: {
      method: 'GET',
      path: '/admin/ledger/trial-balance',
      tags: ['admin'],
      summary: 'Every ledger account, named, with its signed balance (debits positive) and the totals per currency (0 when balanced)',
    },
  })
  .input(z.object({}).optional())
  .output(
    z.object({
      accounts: z.array(NamedAccountSchema.extend({ balanceMinor: z.number().int() })),
      totals: z.array(z.object({ currency: z.string(), balanceMinor: z.number().int() })),
    }),
  )
  .query(({ ctx }) => getTrialBalanceUseCase(ctx.deps));
