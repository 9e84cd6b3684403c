import { schema } from '@fareway/db';
import { asc, sql } from 'drizzle-orm';
import type { Deps } from '../deps';

export interface TrialBalance {
  accounts: { code: string; currency: string; balanceMinor: number }[];
  /** Per currency; every total of a balanced ledger is 0. */
  totals: { currency: string; balanceMinor: number }[];
}

/** `GET /admin/ledger/trial-balance`: every account's signed balance (debits positive) and the totals per currency. */
export async function getTrialBalance(deps: Pick<Deps, 'db'>): Promise<TrialBalance> {
  const e = schema.ledgerEntries;
  const rows = await deps.db
    .select({ code: e.accountCode, currency: e.currency, balance: sql<string>`sum(${e.amountMinor})::text` })
    .from(e)
    .groupBy(e.accountCode, e.currency)
    .orderBy(asc(e.currency), asc(e.accountCode));
  const accounts = rows.map((r) => ({ code: r.code, currency: r.currency, balanceMinor: Number(r.balance) }));
  const totals = new Map<string, number>();
  for (const a of accounts) totals.set(a.currency, (totals.get(a.currency) ?? 0) + a.balanceMinor);
  return { accounts, totals: [...totals].map(([currency, balanceMinor]) => ({ currency, balanceMinor })) };
}
