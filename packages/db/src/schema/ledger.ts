import { sql } from 'drizzle-orm';
import { bigint, check, foreignKey, index, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * Double-entry ledger (DESIGN.md §5). An account is a code and a currency
 * (`customer_wallet:<userId>`, `gateway_clearing:<provider>`, `platform_revenue`,
 * ...). A journal is one money movement; its entries are signed (debits
 * positive, credits negative) and sum to zero per currency — checked at commit
 * by a deferred constraint trigger (migration 0009). Entries and journals are
 * append-only: a correction is a new journal.
 */
export const ledgerAccounts = pgTable(
  'ledger_accounts',
  {
    code: text().notNull(),
    currency: text().notNull(),
    /** asset | liability | revenue | expense: for reports; the sign convention is the same for all. */
    kind: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.code, t.currency] }),
    check('ledger_accounts_kind_check', sql`${t.kind} in ('asset', 'liability', 'revenue', 'expense')`),
    check('ledger_accounts_currency_check', sql`${t.currency} ~ '^[A-Z]{3}$'`),
  ],
);

export const ledgerJournals = pgTable(
  'ledger_journals',
  {
    id: uuid().primaryKey(),
    /** capture, orphan_capture, top_up, wallet_payment, refund */
    kind: text().notNull(),
    /** What it moved money for: the payment id (captures) or the refund id (refunds). */
    reference: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  // One journal per (kind, reference): a capture or a refund can be posted once, whatever retries happen.
  (t) => [
    uniqueIndex('ledger_journals_kind_reference_key').on(t.kind, t.reference),
    // Settlements read a month of journals at a time.
    index('ledger_journals_created_at_idx').on(t.createdAt),
  ],
);

export const ledgerEntries = pgTable(
  'ledger_entries',
  {
    id: uuid().primaryKey(),
    journalId: uuid()
      .notNull()
      .references(() => ledgerJournals.id),
    accountCode: text().notNull(),
    currency: text().notNull(),
    /** Signed minor units: debits positive, credits negative. */
    amountMinor: bigint({ mode: 'number' }).notNull(),
    /** What the line is (gateway_net, gateway_fee, commission, partner_share, ...): settlements read it. */
    lineKind: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    foreignKey({ columns: [t.accountCode, t.currency], foreignColumns: [ledgerAccounts.code, ledgerAccounts.currency] }).onDelete(
      'restrict',
    ),
    index('ledger_entries_journal_idx').on(t.journalId),
    // An account's entries, newest first (the console's drill-down); also the trial balance's grouping.
    index('ledger_entries_account_created_idx').on(t.accountCode, t.currency, t.createdAt),
    check('ledger_entries_nonzero', sql`${t.amountMinor} <> 0`),
  ],
);
