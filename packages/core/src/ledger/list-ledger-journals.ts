import { schema } from '@fareway/db';
import { and, count, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Deps } from '../deps';
import type { Page } from '../identity/list-users';
import { type NamedAccount, nameAccounts } from './name-accounts';

export interface LedgerJournal {
  id: string;
  /** capture, refund, top_up, wallet_payment, settlement_approval, ... */
  kind: string;
  /** What it moved money for: a payment, a refund, a settlement id. */
  reference: string;
  createdAt: string;
  postings: (NamedAccount & { amountMinor: number; lineKind: string })[];
}

export type LedgerJournalPage = Page<LedgerJournal>;

/**
 * Admin: journals newest first, each with all its postings, named; or only the
 * journals that touched one account (the trial balance's drill-down), served by
 * ledger_entries_account_created_idx; the unfiltered list by ledger_journals_created_at_idx.
 * The drill-down names its account from the trial balance (a list answers only `{ items, meta }`).
 */
export async function listLedgerJournals(
  deps: Pick<Deps, 'db'>,
  input: { page: number; limit: number; account?: { code: string; currency: string } },
): Promise<LedgerJournalPage> {
  const j = schema.ledgerJournals;
  const e = schema.ledgerEntries;
  const offset = (input.page - 1) * input.limit;
  let ids: { id: string }[];
  let total: number;
  if (input.account) {
    const onAccount = and(eq(e.accountCode, input.account.code), eq(e.currency, input.account.currency));
    const [page, [summary]] = await Promise.all([
      // One journal may post twice to an account (rare): its newest entry places it.
      deps.db
        .select({ id: e.journalId, at: sql`max(${e.createdAt})` })
        .from(e)
        .where(onAccount)
        .groupBy(e.journalId)
        .orderBy(desc(sql`max(${e.createdAt})`), desc(e.journalId))
        .limit(input.limit)
        .offset(offset),
      deps.db
        .select({ n: sql<number>`count(distinct ${e.journalId})::int` })
        .from(e)
        .where(onAccount),
    ]);
    ids = page;
    total = summary?.n ?? 0;
  } else {
    const [page, [summary]] = await Promise.all([
      deps.db.select({ id: j.id }).from(j).orderBy(desc(j.createdAt), desc(j.id)).limit(input.limit).offset(offset),
      deps.db.select({ n: count() }).from(j),
    ]);
    ids = page;
    total = summary?.n ?? 0;
  }
  const journalIds = ids.map((r) => r.id);
  const [journals, entries] =
    journalIds.length === 0
      ? [[], []]
      : await Promise.all([
          deps.db.select().from(j).where(inArray(j.id, journalIds)),
          deps.db.select().from(e).where(inArray(e.journalId, journalIds)).orderBy(desc(e.amountMinor), e.id),
        ]);
  const name = await nameAccounts(
    deps.db,
    entries.map((x) => x.accountCode),
  );
  const byId = new Map(journals.map((x) => [x.id, x]));
  const items = journalIds.flatMap((id) => {
    const journal = byId.get(id);
    if (!journal) return [];
    return [
      {
        id: journal.id,
        kind: journal.kind,
        reference: journal.reference,
        createdAt: journal.createdAt.toISOString(),
        postings: entries
          .filter((x) => x.journalId === id)
          .map((x) => ({ ...name(x.accountCode, x.currency), amountMinor: x.amountMinor, lineKind: x.lineKind })),
      },
    ];
  });
  return { items, meta: { page: input.page, limit: input.limit, total } };
}
