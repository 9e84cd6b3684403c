import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { bookings } from './bookings';
import { users } from './identity';
import { organizations } from './organizations';

export const SETTLEMENT_STATUSES = ['draft', 'approved', 'paid'] as const;
export type SettlementStatus = (typeof SETTLEMENT_STATUSES)[number];

/**
 * A partner's statement for one month (UTC) and one currency, computed from the
 * ledger: every capture, wallet payment and refund journal of the month with a
 * line on the partner's payable account. Unique per (partner account, currency,
 * period), so calculating a month twice finds the statement already there.
 * `draft → approved → paid`; approving and paying each post one journal.
 */
export const settlements = pgTable(
  'settlements',
  {
    id: uuid().primaryKey(),
    /** `YYYY-MM`. */
    period: text().notNull(),
    /** The ledger account it settles: `partner_payable:user:<id>` or `partner_payable:org:<id>`. */
    partnerAccount: text().notNull(),
    partnerUserId: uuid().references(() => users.id),
    partnerOrganizationId: uuid().references(() => organizations.id),
    currency: text().notNull(),
    status: text({ enum: SETTLEMENT_STATUSES }).notNull(),
    grossMinor: bigint({ mode: 'number' }).notNull(),
    commissionMinor: bigint({ mode: 'number' }).notNull(),
    feesMinor: bigint({ mode: 'number' }).notNull(),
    refundsMinor: bigint({ mode: 'number' }).notNull(),
    /** What the platform owes the partner for the month (negative: the partner owes, e.g. refunds of earlier sales). */
    netMinor: bigint({ mode: 'number' }).notNull(),
    lineCount: integer().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
    approvedAt: timestamp({ withTimezone: true }),
    approvedBy: uuid().references(() => users.id),
    paidAt: timestamp({ withTimezone: true }),
    paidBy: uuid().references(() => users.id),
    payoutReference: text(),
  },
  (t) => [
    uniqueIndex('settlements_partner_period_key').on(t.partnerAccount, t.currency, t.period),
    index('settlements_period_idx').on(t.period, t.status),
    index('settlements_partner_user_idx').on(t.partnerUserId, t.period),
    index('settlements_partner_organization_idx').on(t.partnerOrganizationId, t.period),
    check('settlements_period_check', sql`${t.period} ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`),
    check('settlements_status_check', sql`${t.status} in ('draft', 'approved', 'paid')`),
    check('settlements_partner_check', sql`(${t.partnerUserId} is null) <> (${t.partnerOrganizationId} is null)`),
    check('settlements_net_check', sql`${t.netMinor} = ${t.grossMinor} - ${t.commissionMinor} - ${t.feesMinor} - ${t.refundsMinor}`),
    check('settlements_currency_check', sql`${t.currency} ~ '^[A-Z]{3}$'`),
    // A paid statement names its payout; an approved one has its approver.
    check('settlements_paid_shape', sql`(${t.status} = 'paid') = (${t.paidAt} is not null and ${t.payoutReference} is not null)`),
    check('settlements_approved_shape', sql`(${t.status} = 'draft') = (${t.approvedAt} is null)`),
  ],
);

/** One booking's money in a statement (a refund of an earlier month's sale is a negative line). */
export const settlementLines = pgTable(
  'settlement_lines',
  {
    id: uuid().primaryKey(),
    settlementId: uuid()
      .notNull()
      .references(() => settlements.id, { onDelete: 'cascade' }),
    bookingId: uuid()
      .notNull()
      .references(() => bookings.id),
    grossMinor: bigint({ mode: 'number' }).notNull(),
    commissionMinor: bigint({ mode: 'number' }).notNull(),
    feesMinor: bigint({ mode: 'number' }).notNull(),
    refundsMinor: bigint({ mode: 'number' }).notNull(),
    netMinor: bigint({ mode: 'number' }).notNull(),
  },
  (t) => [
    uniqueIndex('settlement_lines_booking_key').on(t.settlementId, t.bookingId),
    check('settlement_lines_net_check', sql`${t.netMinor} = ${t.grossMinor} - ${t.commissionMinor} - ${t.feesMinor} - ${t.refundsMinor}`),
  ],
);
