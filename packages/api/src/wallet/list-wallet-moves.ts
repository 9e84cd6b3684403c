import { listWalletMoves as listWalletMovesUseCase } from '@fareway/core';
import { z } from 'zod';
import { PageInput, PageMeta } from '../identity-schemas';
import { authedProcedure } from '../trpc';

export const listWalletMoves = authedProcedure
  .meta({
    errors: [],
    openapi: {
      method: 'GET',
      path: '/wallet/moves',
      tags: ['wallet'],
      summary: "The wallet's history, newest first: top-ups, payments and refunds with the balance after each",
    },
  })
  .input(PageInput)
  .output(
    z.object({
      items: z.array(
        z.object({
          id: z.uuid(),
          kind: z.enum(['top_up', 'payment', 'refund', 'other']),
          amountMinor: z.number().int().describe('Money in is positive, money out negative'),
          balanceMinor: z.number().int().describe('The balance right after this move'),
          currency: z.string().length(3),
          at: z.iso.datetime({ offset: true }),
          bookingId: z.uuid().nullable(),
        }),
      ),
      meta: PageMeta,
    }),
  )
  // A list is exactly `{ items, meta }` (REST answers `data: [...]` and `meta`); each move names its currency.
  .query(async ({ ctx, input }) => {
    const { items, meta } = await listWalletMovesUseCase(ctx.deps, ctx.actor, input);
    return { items, meta };
  });
