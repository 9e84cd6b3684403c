import { type DatabaseOrTransaction, newId, schema } from '@fareway/db';
import type { PostingLine } from '@fareway/domain';
import { sql } from 'drizzle-orm';

export type JournalKind =
  | 'capture'
  | 'orphan_capture'
  | 'top_up'
  | 'wallet_payment'
  | 'refund'
  | 'settlement_approval'
  | 'settlement_payout';

/**
 * Posts ONE journal (domain built and balanced its lines) inside the caller's
 * transaction. The journal is unique per (kind, reference): posting the same
 * capture or refund again returns null and writes nothing, so a retried job can
 * never move money twice. The deferred trigger checks the balance at commit.
 */
export async function postJournal(
  tx: DatabaseOrTransaction,
  input: { kind: JournalKind; reference: string; currency: string; lines: PostingLine[]; at: Date },
): Promise<string | null> {
  const accounts = new Map(input.lines.map((line) => [line.account.code, line.account.kind]));
  await tx
    .insert(schema.ledgerAccounts)
    .values([...accounts].map(([code, kind]) => ({ code, currency: input.currency, kind, createdAt: input.at })))
    .onConflictDoNothing();
  const id = newId();
  const [journal] = await tx
    .insert(schema.ledgerJournals)
    .values({ id, kind: input.kind, reference: input.reference, createdAt: input.at })
    .onConflictDoNothing()
    .returning({ id: schema.ledgerJournals.id });
  if (!journal) return null;
  await tx.insert(schema.ledgerEntries).values(
    input.lines.map((line) => ({
      id: newId(),
      journalId: id,
      accountCode: line.account.code,
      currency: input.currency,
      amountMinor: line.amountMinor,
      lineKind: line.lineKind,
      createdAt: input.at,
    })),
  );
  return id;
}

/** Signed balance of one account (debits positive). */
export async function accountBalance(tx: DatabaseOrTransaction, code: string, currency: string): Promise<number> {
  const [row] = await tx
    .select({ balance: sql<string>`coalesce(sum(${schema.ledgerEntries.amountMinor}), 0)::text` })
    .from(schema.ledgerEntries)
    .where(sql`${schema.ledgerEntries.accountCode} = ${code} and ${schema.ledgerEntries.currency} = ${currency}`);
  return Number(row?.balance ?? 0);
}

/**
 * Serialises money movements out of one account for the rest of the transaction
 * (a wallet spend checks the balance under it). The account row is created if
 * absent so there is always a row to lock.
 */
export async function lockAccount(
  tx: DatabaseOrTransaction,
  code: string,
  currency: string,
  kind: PostingLine['account']['kind'],
  at: Date,
) {
  await tx.insert(schema.ledgerAccounts).values({ code, currency, kind, createdAt: at }).onConflictDoNothing();
  await tx.execute(sql`select 1 from ledger_accounts where code = ${code} and currency = ${currency} for update`);
}
