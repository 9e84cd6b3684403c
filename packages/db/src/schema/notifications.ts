import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './identity';

/**
 * queued → sending → sent; a transient failure goes back to queued (with a later
 * next_attempt_at) until the attempts run out: dead. A rejection is failed at once.
 */
export const NOTIFICATION_STATUSES = ['queued', 'sending', 'sent', 'failed', 'dead'] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];
export const NOTIFICATION_CHANNELS = ['sms', 'email'] as const;

/**
 * The outbox for email and SMS: a message to deliver, written in the transaction
 * that decided it (notifications/queue-notification), rendered there — or, for a
 * sweep's batch, as its template (`kind`) and `data`, rendered when it is read or
 * delivered (notifications/message-text), so a batch of 5 000 is one INSERT ... SELECT. The
 * `send-notifications` job claims it (status sending, a lease in locked_until),
 * delivers it, and records each try in notification_attempts.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid().primaryKey(),
    channel: text({ enum: NOTIFICATION_CHANNELS }).notNull(),
    /** E.164 phone for sms, an address for email. */
    recipient: text().notNull(),
    /** Whom it is for, when it is for an account (a sign-in code may go to a number with none). */
    userId: uuid().references(() => users.id, { onDelete: 'set null' }),
    /** The template (otp, booking.confirmed, ...), so bodies holding secrets can be scrubbed once sent. */
    kind: text().notNull(),
    locale: text().notNull().default('en'),
    /** Email subject (null for SMS). */
    subject: text(),
    /**
     * SMS text, or the plain-text email body. Sealed (identity/secrets) when it holds a secret.
     * Null while a notice queued as `data` waits: delivery renders it and writes what it sent here.
     */
    body: text(),
    /** HTML email body (null for SMS). */
    html: text(),
    /** The template's data, for a notice written unrendered (body null); never a secret. */
    data: jsonb(),
    /** Queueing the same key twice writes one row (a reminder per booking per lead, a notice per event). */
    dedupeKey: text(),
    status: text({ enum: NOTIFICATION_STATUSES }).notNull().default('queued'),
    provider: text(),
    providerMessageId: text(),
    attempts: integer().notNull().default(0),
    lastError: text(),
    /** Not delivered before this (retry backoff). */
    nextAttemptAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** While sending: a delivery that has not finished by then is presumed dead and may be claimed again. */
    lockedUntil: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    sentAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    // No index by recipient: nothing reads the outbox by address (the console pages by time and state), and
    // every notice — 10⁵ a minute from a large expire-holds run — would pay for one (0024 dropped it).
    uniqueIndex('notifications_dedupe_key').on(t.dedupeKey),
    // The delivery sweep: due queued rows, and sending rows whose lease ran out.
    index('notifications_due_idx').on(t.nextAttemptAt).where(sql`${t.status} = 'queued'`),
    index('notifications_lease_idx').on(t.lockedUntil).where(sql`${t.status} = 'sending'`),
    // cleanup-notifications: delivered rows by age.
    // The console's outbox: newest first, optionally by state.
    index('notifications_created_idx').on(t.createdAt),
    index('notifications_status_created_idx').on(t.status, t.createdAt),
    index('notifications_sent_idx').on(t.sentAt).where(sql`${t.status} = 'sent'`),
    check('notifications_status_check', sql`${t.status} in ('queued', 'sending', 'sent', 'failed', 'dead')`),
    check('notifications_channel_check', sql`${t.channel} in ('sms', 'email')`),
    check('notifications_body_or_data', sql`${t.body} is not null or ${t.data} is not null`),
    check('notifications_locale_check', sql`${t.locale} in ('en', 'si', 'ta')`),
  ],
);

/** One row per delivery try: when, through which provider, and how it ended (null while in flight). */
export const notificationAttempts = pgTable(
  'notification_attempts',
  {
    id: uuid().primaryKey(),
    notificationId: uuid()
      .notNull()
      .references(() => notifications.id, { onDelete: 'cascade' }),
    attempt: integer().notNull(),
    startedAt: timestamp({ withTimezone: true }).notNull(),
    finishedAt: timestamp({ withTimezone: true }),
    outcome: text({ enum: ['sent', 'retry', 'failed', 'dead'] }),
    provider: text(),
    providerMessageId: text(),
    error: text(),
  },
  (t) => [
    uniqueIndex('notification_attempts_key').on(t.notificationId, t.attempt),
    check('notification_attempts_outcome_check', sql`${t.outcome} is null or ${t.outcome} in ('sent', 'retry', 'failed', 'dead')`),
  ],
);
