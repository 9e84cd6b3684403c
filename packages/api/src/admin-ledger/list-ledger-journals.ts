import { listLedgerJournals as listLedgerJournalsUseCase } from '@fareway/core';
import { z } from 'zod';
import { PageInput, PageMeta } from '../identity-schemas';
import { adminProcedure } from '../trpc';
import { NamedAccountSchema } from './ledger-schemas';

export const listLedgerJournals = adminProcedure
  .meta({
    errors: [],
    openapi: {
      method: 'GET',
      path: '/admin/ledger/journals',
      tags: ['admin'],
      summary: 'Ledger journals newest first with their postings, or those of one account (admin)',
    },
  })
  .input(
    PageInput.extend({
      accountCode: z.string().trim().min(1).max(200).optional().describe('With currency: only journals posting to this account'),
      currency: z
        .string()
        .regex(/^[A-Z]{3}$/)
        .optional(),
    }).refine((v) => (v.accountCode === undefined) === (v.currency === undefined), {
      message: 'Give accountCode and currency together',
      path: ['currency'],
    }),
  )
  .output(
    z.object({
      items: z.array(
        z.object({
          id: z.uuid(),
          kind: z.string(),
          reference: z.string(),
          createdAt: z.iso.datetime({ offset: true }),
          postings: z.array(NamedAccountSchema.extend({ amountMinor: z.number().int(), lineKind: z.string() })),
        }),
      ),
      meta: PageMeta,
    }),
  )
  // A list is exactly `{ items, meta }` so REST answers `data: [...]` with `meta` (the account's name and
  // balance come from the trial balance, which the drill-down page reads beside it).
  .query(({ ctx, input }) =>
    listLedgerJournalsUseCase(ctx.deps, {
      page: input.page,
      limit: input.limit,
      account: input.accountCode && input.currency ? { code: input.accountCode, currency: input.currency } : undefined,
    }),
  );
