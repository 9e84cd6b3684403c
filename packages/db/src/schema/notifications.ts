import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const NOTIFICATION_STATUSES = ['queued', 'sent', 'failed'] as const;

/**
 * The outbox: a message to deliver, written in the transaction that decided it.
 * A `send-sms` job delivers it; the row keeps what happened.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid().primaryKey(),
    channel: text({ enum: ['sms'] }).notNull(),
    recipient: text().notNull(),
    /** Purpose (otp, booking.confirmed, ...) so bodies holding secrets can be scrubbed once sent. */
    kind: text().notNull(),
    body: text().notNull(),
    status: text({ enum: NOTIFICATION_STATUSES }).notNull().default('queued'),
    provider: text(),
    providerMessageId: text(),
    attempts: integer().notNull().default(0),
    lastError: text(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    sentAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index('notifications_recipient_idx').on(t.recipient, t.createdAt),
    check('notifications_status_check', sql`${t.status} in ('queued', 'sent', 'failed')`),
  ],
);
