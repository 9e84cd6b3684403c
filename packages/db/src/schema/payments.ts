import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { bookings } from './bookings';
import { users } from './identity';

export const PAYMENT_STATUS_VALUES = ['initiated', 'pending', 'completed', 'failed', 'refunded', 'partially_refunded'] as const;
export const PAYMENT_PURPOSES = ['booking', 'top_up'] as const;
export const PAYMENT_PROVIDERS = ['sandbox', 'payhere', 'mintpay', 'flutterwave', 'stripe', 'wallet'] as const;
export const REFUND_STATUSES = ['pending', 'succeeded', 'failed'] as const;
export const REFUND_REASONS = ['cancellation', 'orphan', 'admin'] as const;
export const REFUND_DESTINATIONS = ['gateway', 'wallet'] as const;

/**
 * A payment intent: one attempt to collect money for a booking (or a wallet
 * top-up) through one provider. Money it captured is `capturedMinor`; refunds
 * against it (not failed ones) add up in `refundedMinor`, kept by a trigger on
 * `refunds` (migration 0009) and bounded by `payments_refunded_within_captured`.
 * At most one initiated/pending intent per booking (partial unique index, 0009).
 */
export const payments = pgTable(
  'payments',
  {
    id: uuid().primaryKey(),
    purpose: text({ enum: PAYMENT_PURPOSES }).notNull(),
    bookingId: uuid().references(() => bookings.id),
    customerId: uuid()
      .notNull()
      .references(() => users.id),
    provider: text({ enum: PAYMENT_PROVIDERS }).notNull(),
    /** What the customer picked inside the provider (card, wallet, ...), informational. */
    method: text(),
    status: text({ enum: PAYMENT_STATUS_VALUES }).notNull(),
    amountMinor: bigint({ mode: 'number' }).notNull(),
    currency: text().notNull(),
    /** What the gateway is expected to keep (domain's fee rate at initiation). */
    feeMinor: bigint({ mode: 'number' }).notNull().default(0),
    capturedMinor: bigint({ mode: 'number' }).notNull().default(0),
    refundedMinor: bigint({ mode: 'number' }).notNull().default(0),
    /** The gateway's id of the checkout (Stripe PaymentIntent, MintPay purchase). */
    providerReference: text(),
    /** The gateway's id of the captured payment (refunds need it). */
    providerPaymentId: text(),
    /** What the client opens: `{url}`, `{formAction, fields}` or `{clientSecret}`. */
    checkout: jsonb(),
    returnUrl: text(),
    failureReason: text(),
    /** Captured, but the booking could not be confirmed (inventory gone, already paid): refunded automatically. */
    orphanedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
    completedAt: timestamp({ withTimezone: true }),
    failedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index('payments_booking_idx').on(t.bookingId, t.createdAt),
    index('payments_customer_idx').on(t.customerId, t.createdAt),
    // The console's payment list: newest first, optionally by status or provider.
    index('payments_created_idx').on(t.createdAt),
    index('payments_status_created_idx').on(t.status, t.createdAt),
    index('payments_provider_created_idx').on(t.provider, t.createdAt),
    // The dashboard's revenue: money captured per day, by when it was captured.
    index('payments_captured_idx').on(t.completedAt).where(sql`${t.capturedMinor} > 0`),
    // Reconciliation reads intents stuck in initiated/pending, oldest first.
    index('payments_unsettled_idx').on(t.updatedAt).where(sql`${t.status} in ('initiated', 'pending')`),
    check('payments_status_check', sql`${t.status} in ('initiated', 'pending', 'completed', 'failed', 'refunded', 'partially_refunded')`),
    check('payments_purpose_check', sql`${t.purpose} in ('booking', 'top_up')`),
    check('payments_provider_check', sql`${t.provider} in ('sandbox', 'payhere', 'mintpay', 'flutterwave', 'stripe', 'wallet')`),
    check('payments_purpose_shape', sql`(${t.purpose} = 'booking') = (${t.bookingId} is not null)`),
    check(
      'payments_money_check',
      sql`${t.amountMinor} > 0 and ${t.feeMinor} >= 0 and ${t.feeMinor} <= ${t.amountMinor} and ${t.capturedMinor} >= 0 and ${t.refundedMinor} >= 0`,
    ),
    // A refund never exceeds what was captured (DESIGN.md §3); the refunds trigger keeps refundedMinor.
    check('payments_refunded_within_captured', sql`${t.refundedMinor} <= ${t.capturedMinor}`),
    check('payments_currency_check', sql`${t.currency} ~ '^[A-Z]{3}$'`),
  ],
);

/**
 * The webhook inbox: one row per (provider, provider event id) — unique index in
 * migration 0009 — recorded with its processing job in one transaction, so a
 * gateway event is applied once however often it is delivered.
 */
export const paymentEvents = pgTable(
  'payment_events',
  {
    id: uuid().primaryKey(),
    provider: text().notNull(),
    providerEventId: text().notNull(),
    /** Our intent id as the event names it (not a foreign key: the gateway says it, we check it in the job). */
    intentRef: text().notNull(),
    status: text().notNull(),
    amountMinor: bigint({ mode: 'number' }).notNull(),
    currency: text().notNull(),
    providerPaymentId: text(),
    needsConfirmation: boolean().notNull(),
    receivedAt: timestamp({ withTimezone: true }).notNull(),
    processedAt: timestamp({ withTimezone: true }),
    /** What the job did with it: captured, failed, ignored, orphaned, mismatch, unknown_intent, ... */
    outcome: text(),
  },
  (t) => [index('payment_events_intent_idx').on(t.intentRef)],
);

/**
 * Money owed back on a payment: created with the cancellation (or the orphaned
 * capture) that decided it, executed by the `process-refunds` job
 * through the original gateway or to the customer's wallet.
 */
export const refunds = pgTable(
  'refunds',
  {
    id: uuid().primaryKey(),
    paymentId: uuid()
      .notNull()
      .references(() => payments.id),
    bookingId: uuid().references(() => bookings.id),
    customerId: uuid()
      .notNull()
      .references(() => users.id),
    amountMinor: bigint({ mode: 'number' }).notNull(),
    currency: text().notNull(),
    reason: text({ enum: REFUND_REASONS }).notNull(),
    /** Why an admin refunded by hand (reason 'admin'); shown in the console and the audit log. */
    note: text(),
    destination: text({ enum: REFUND_DESTINATIONS }).notNull(),
    status: text({ enum: REFUND_STATUSES }).notNull(),
    providerRefundId: text(),
    attempts: integer().notNull().default(0),
    lastError: text(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
    completedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index('refunds_payment_idx').on(t.paymentId),
    index('refunds_pending_idx').on(t.createdAt).where(sql`${t.status} = 'pending'`),
    // The console's refund list: newest first, optionally by status; a booking's refunds.
    index('refunds_created_idx').on(t.createdAt),
    index('refunds_status_created_idx').on(t.status, t.createdAt),
    index('refunds_booking_idx').on(t.bookingId),
    // The dashboard's revenue: money returned per day, by when it went back.
    index('refunds_succeeded_idx').on(t.completedAt).where(sql`${t.status} = 'succeeded'`),
    check('refunds_amount_check', sql`${t.amountMinor} > 0`),
    check('refunds_status_check', sql`${t.status} in ('pending', 'succeeded', 'failed')`),
    check('refunds_reason_check', sql`${t.reason} in ('cancellation', 'orphan', 'admin')`),
    check('refunds_destination_check', sql`${t.destination} in ('gateway', 'wallet')`),
  ],
);
