import { type DatabaseOrTransaction, newId, schema } from '@fareway/db';
import type { PostingLine } from '@fareway/domain';
import { type SQL, sql } from 'drizzle-orm';

export type JournalKind =
  | 'capture'
  | 'orphan_capture'
  | 'top_up'
  | 'wallet_payment'
  | 'refund'
  | 'settlement_approval'
  | 'settlement_payout';

export interface JournalInput {
  kind: JournalKind;
  reference: string;
  currency: string;
  lines: PostingLine[];
  at: Date;
}

/**
 * Posts ONE journal (domain built and balanced its lines) inside the caller's
 * transaction. The journal is unique per (kind, reference): posting the same
 * capture or refund again returns null and writes nothing, so a retried job can
 * never move money twice. The deferred trigger checks the balance at commit.
 * One statement (journalParts): the accounts, the journal and its lines.
 */
export async function postJournal(tx: DatabaseOrTransaction, input: JournalInput): Promise<string | null> {
  const { parts } = journalParts(tx, input);
  const rows = await tx.execute<{ id: string }>(sql`with ${sql.join(parts, sql`, `)} select id from ${sql.raw(JOURNAL_CTE)}`);
  return rows[0]?.id ?? null;
}

/** The name of the journal's CTE in journalParts: one row (its id) when it was posted now, none when it already was. */
export const JOURNAL_CTE = 'ledger_journal_w';

/**
 * A journal as data-modifying CTEs (`name as (...)`) for a caller's larger statement: its
 * accounts (created when absent), the journal (nothing when (kind, reference) exists), and
 * its lines, written only beside a journal written now, so a retry posts nothing.
 */
export function journalParts(tx: DatabaseOrTransaction, input: JournalInput): { parts: SQL[] } {
  return journalsParts(tx, [input]);
}

/**
 * Many journals as the same three CTEs, set-based (a batch of captures in one statement):
 * every account once, every journal in one insert, every line in one — each line written
 * only beside its own journal written now, so a journal that already exists posts nothing.
 */
export function journalsParts(tx: DatabaseOrTransaction, inputs: readonly JournalInput[]): { parts: SQL[] } {
  const accounts = new Map<string, typeof schema.ledgerAccounts.$inferInsert>();
  for (const input of inputs)
    for (const line of input.lines)
      accounts.set(`${input.currency}:${line.account.code}`, {
        code: line.account.code,
        currency: input.currency,
        kind: line.account.kind,
        createdAt: input.at,
      });
  const journals = inputs.map((input) => ({ id: newId(), kind: input.kind, reference: input.reference, createdAt: input.at }));
  const lines = inputs.flatMap((input, i) =>
    input.lines.map((line) => ({
      id: newId(),
      // Stryker disable next-line OptionalChaining: i indexes inputs, which journals maps one to one
      journal_id: journals[i]?.id,
      account_code: line.account.code,
      currency: input.currency,
      amount_minor: line.amountMinor,
      line_kind: line.lineKind,
      created_at: input.at.toISOString(),
    })),
  );
  return {
    parts: [
      sql`ledger_accounts_w as (${tx
        .insert(schema.ledgerAccounts)
        .values([...accounts.values()])
        .onConflictDoNothing()
        .getSQL()})`,
      sql`${sql.raw(JOURNAL_CTE)} as (${tx
        .insert(schema.ledgerJournals)
        .values(journals)
        .onConflictDoNothing()
        .returning({ id: schema.ledgerJournals.id })
        .getSQL()})`,
      // The lines travel as one JSON parameter; the foreign key to the accounts sees the accounts inserted above.
      sql`ledger_entries_w as (
        insert into ${schema.ledgerEntries} (id, journal_id, account_code, currency, amount_minor, line_kind, created_at)
        select e.id, j.id, e.account_code, e.currency, e.amount_minor, e.line_kind, e.created_at
        from ${sql.raw(JOURNAL_CTE)} j
        join jsonb_to_recordset(${JSON.stringify(lines)}::jsonb)
          as e(id uuid, journal_id uuid, account_code text, currency text, amount_minor bigint, line_kind text, created_at timestamptz)
          on e.journal_id = j.id)`,
    ],
  };
}

/** Signed balance of one account (debits positive). */
export async function accountBalance(tx: DatabaseOrTransaction, code: string, currency: string): Promise<number> {
  const [row] = await tx
    .select({ balance: sql<string>`coalesce(sum(${schema.ledgerEntries.amountMinor}), 0)::text` })
    .from(schema.ledgerEntries)
    .where(sql`${schema.ledgerEntries.accountCode} = ${code} and ${schema.ledgerEntries.currency} = ${currency}`);
  // Stryker disable next-line OptionalChaining: an aggregate without group by always returns one row
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
