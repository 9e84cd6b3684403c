import { schema } from '@fareway/db';
import { asc, sql } from 'drizzle-orm';
import type { Deps } from '../deps';
import { type NamedAccount, nameAccounts } from './name-accounts';

export interface TrialBalance {
  accounts: (NamedAccount & { balanceMinor: number })[];
  /** Per currency; every total of a balanced ledger is 0. */
  totals: { currency: string; balanceMinor: number }[];
}

/** `GET /admin/ledger/trial-balance`: every account's signed balance (debits positive), named, and the totals per currency. */
export async function getTrialBalance(deps: Pick<Deps, 'db'>): Promise<TrialBalance> {
  const e = schema.ledgerEntries;
  const rows = await deps.db
    .select({ code: e.accountCode, currency: e.currency, balance: sql<string>`sum(${e.amountMinor})::text` })
    .from(e)
    .groupBy(e.accountCode, e.currency)
    .orderBy(asc(e.currency), asc(e.accountCode));
  const name = await nameAccounts(
    deps.db,
    rows.map((r) => r.code),
  );
  const accounts = rows.map((r) => ({ ...name(r.code, r.currency), balanceMinor: Number(r.balance) }));
  const totals = new Map<string, number>();
  for (const a of accounts) totals.set(a.currency, (totals.get(a.currency) ?? 0) + a.balanceMinor);
  return { accounts, totals: [...totals].map(([currency, balanceMinor]) => ({ currency, balanceMinor })) };
}
