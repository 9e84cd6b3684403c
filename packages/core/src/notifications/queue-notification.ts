import { newId, schema, type Transaction } from '@fareway/db';
import {
  isNotificationLocale,
  isSecretTemplate,
  type NotificationData,
  type NotificationLocale,
  type NotificationTemplate,
  renderNotification,
  templateChannels,
} from '@fareway/domain';
import { inArray, or, sql } from 'drizzle-orm';
import type { Deps } from '../deps';
import { sealSecret } from '../identity/secrets';

/** The channel the worker's listener wakes `send-notifications` on, at commit. */
export const NOTIFICATIONS_CHANNEL = 'fareway_notifications';

/** One notice: a template with its own data (a union over templates, so a conditional notice type-checks). */
export type QueueNotificationInput<T extends NotificationTemplate = NotificationTemplate> = {
  [K in T]: {
    template: K;
    data: NotificationData<K>;
    /** Overrides the profile's language. */
    locale?: NotificationLocale;
    /**
     * Idempotency: queueing the same key again writes nothing (one row per key and
     * channel, by a unique index). E.g. `booking.reminder:<bookingId>:24h`.
     */
    key?: string;
  };
}[T] &
  ({ userId: string; to?: never } | { to: string; userId?: never });

/**
 * Writes a notice to the outbox inside the caller's transaction: rendered in the
 * person's language for each channel they have an address for (SMS to the
 * phone, email to the address), and a NOTIFY that wakes `send-notifications`.
 * It commits or rolls back with the business change; nothing leaves before commit.
 * A notice holding a secret (a sign-in code) is sealed; the worker opens it.
 */
export async function queueNotification<T extends NotificationTemplate>(
  tx: Transaction,
  deps: Pick<Deps, 'clock' | 'config'>,
  input: QueueNotificationInput<T>,
): Promise<string[]> {
  return queueNotifications(tx, deps, [input as QueueNotificationInput]);
}

/**
 * Many notices at once, set-based (a sweep's batch): one read of the recipients,
 * one INSERT ... SELECT of every row, one NOTIFY — however many notices.
 */
export async function queueNotifications(
  tx: Transaction,
  deps: Pick<Deps, 'clock' | 'config'>,
  inputs: readonly QueueNotificationInput[],
): Promise<string[]> {
  if (inputs.length === 0) return [];
  const recipients = await recipientsOf(tx, inputs);
  const rows = inputs.flatMap((input) => {
    const recipient = recipients.get(input.userId ?? `to:${input.to}`);
    return recipient ? notificationRows(deps, input, recipient) : [];
  });
  if (rows.length === 0) return [];
  // The whole batch travels as one JSON parameter (no per-row parameters, no per-row statements). A statement
  // trigger (migration 0017) NOTIFYs the worker at commit, so send-notifications runs at once; should it be
  // missed, the job's cron sweep finds the row within a minute.
  const inserted = await tx.execute<{ id: string }>(sql`
    insert into ${schema.notifications} (id, channel, recipient, user_id, kind, locale, subject, body, html, dedupe_key, created_at, next_attempt_at)
    select r.id, r.channel, r.recipient, r.user_id, r.kind, r.locale, r.subject, r.body, r.html, r.dedupe_key, r.created_at, r.next_attempt_at
    from jsonb_to_recordset(${JSON.stringify(rows.map(snakeCase))}::jsonb) as r(id uuid, channel text, recipient text, user_id uuid, kind text,
         locale text, subject text, body text, html text, dedupe_key text, created_at timestamptz, next_attempt_at timestamptz)
    on conflict (dedupe_key) do nothing
    returning id`);
  return [...inserted].map((row) => row.id);
}

type NotificationRow = typeof schema.notifications.$inferInsert & { createdAt: Date; nextAttemptAt: Date };

function snakeCase(row: NotificationRow) {
  return {
    id: row.id,
    channel: row.channel,
    recipient: row.recipient,
    user_id: row.userId,
    kind: row.kind,
    locale: row.locale,
    subject: row.subject,
    body: row.body,
    html: row.html,
    dedupe_key: row.dedupeKey,
    created_at: row.createdAt.toISOString(),
    next_attempt_at: row.nextAttemptAt.toISOString(),
  };
}

/**
 * The outbox rows of one notice for a recipient already known: rendered in their
 * language for each channel they have an address for. Written by queueNotifications,
 * or inside a larger statement (a hold writes its notice with its booking).
 */
export function notificationRows(
  deps: Pick<Deps, 'clock' | 'config'>,
  input: QueueNotificationInput,
  recipient: Recipient,
): NotificationRow[] {
  const locale = input.locale ?? recipient.locale;
  const rendered = renderNotification(input.template, input.data as never, locale, deps.config.http.publicUrl);
  const secret = isSecretTemplate(input.template);
  const seal = (text: string) => (secret ? sealSecret(deps.config.auth.secret, text) : text);
  const now = deps.clock.now();
  return templateChannels(input.template).flatMap((channel) => {
    const address = channel === 'sms' ? recipient.phone : recipient.email;
    if (!address) return [];
    return [
      {
        id: newId(),
        channel,
        recipient: address,
        userId: recipient.userId,
        kind: input.template,
        locale,
        subject: channel === 'email' ? rendered.subject : null,
        body: seal(channel === 'sms' ? rendered.sms : rendered.text),
        html: channel === 'email' ? seal(rendered.html) : null,
        dedupeKey: input.key ? `${input.key}:${channel}` : null,
        createdAt: now,
        nextAttemptAt: now,
      },
    ];
  });
}

/** A user's addresses and language, as a notice needs them. */
export function recipientFromUser(user: { id: string; phone: string | null; email: string | null; locale: string | null }): Recipient {
  return { userId: user.id, phone: user.phone, email: user.email, locale: isNotificationLocale(user.locale) ? user.locale : 'en' };
}

export interface Recipient {
  userId: string | null;
  phone: string | null;
  email: string | null;
  locale: NotificationLocale;
}

/** Every notice's recipient in two reads at most: the accounts by id, and bare addresses by phone or email. */
async function recipientsOf(tx: Transaction, inputs: readonly { userId?: string; to?: string }[]): Promise<Map<string, Recipient>> {
  const users = schema.users;
  const found = new Map<string, Recipient>();
  const userIds = [...new Set(inputs.flatMap((i) => (i.userId ? [i.userId] : [])))];
  if (userIds.length > 0) {
    const rows = await tx
      .select({ id: users.id, phone: users.phone, email: users.email, locale: users.locale })
      .from(users)
      .where(inArray(users.id, userIds));
    for (const user of rows) found.set(user.id, recipientFromUser(user));
  }
  const addresses = [...new Set(inputs.flatMap((i) => (i.userId === undefined && i.to !== undefined ? [i.to] : [])))];
  if (addresses.length > 0) {
    const emails = addresses.filter((to) => to.includes('@')).map((to) => to.toLowerCase());
    const phones = addresses.filter((to) => !to.includes('@'));
    // A bare address (a sign-in code to a number) still speaks the account's language when there is one.
    const known = await tx
      .select({ id: users.id, phone: users.phone, email: users.email, locale: users.locale })
      .from(users)
      .where(
        or(emails.length > 0 ? inArray(users.email, emails) : undefined, phones.length > 0 ? inArray(users.phone, phones) : undefined),
      );
    for (const to of addresses) {
      const isEmail = to.includes('@');
      const user = known.find((u) => (isEmail ? u.email === to.toLowerCase() : u.phone === to));
      found.set(`to:${to}`, {
        userId: user?.id ?? null,
        phone: isEmail ? null : to,
        email: isEmail ? to : null,
        locale: isNotificationLocale(user?.locale) ? user.locale : 'en',
      });
    }
  }
  return found;
}
