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
import { eq } from 'drizzle-orm';
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
  const recipient = await recipientOf(tx, input);
  if (!recipient) return [];
  const rows = notificationRows(deps, input, recipient);
  if (rows.length === 0) return [];
  // A statement trigger (migration 0017) NOTIFYs the worker at commit, so send-notifications runs at once;
  // should it be missed, the job's cron sweep finds the row within a minute.
  const inserted = await tx
    .insert(schema.notifications)
    .values(rows)
    .onConflictDoNothing({ target: schema.notifications.dedupeKey })
    .returning({ id: schema.notifications.id });
  return inserted.map((row) => row.id);
}

/**
 * The outbox rows of one notice for a recipient already known: rendered in their
 * language for each channel they have an address for. Written by queueNotification,
 * or inside a larger statement (a hold writes its notice with its booking).
 */
export function notificationRows<T extends NotificationTemplate>(
  deps: Pick<Deps, 'clock' | 'config'>,
  input: QueueNotificationInput<T>,
  recipient: Recipient,
): Array<typeof schema.notifications.$inferInsert> {
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

async function recipientOf(tx: Transaction, input: { userId?: string; to?: string }): Promise<Recipient | null> {
  const users = schema.users;
  if (input.userId) {
    const [user] = await tx
      .select({ id: users.id, phone: users.phone, email: users.email, locale: users.locale })
      .from(users)
      .where(eq(users.id, input.userId))
      .limit(1);
    return user ? recipientFromUser(user) : null;
  }
  const to = input.to ?? '';
  const isEmail = to.includes('@');
  // A bare address (a sign-in code to a number) still speaks the account's language when there is one.
  const [user] = await tx
    .select({ id: users.id, locale: users.locale })
    .from(users)
    .where(isEmail ? eq(users.email, to.toLowerCase()) : eq(users.phone, to))
    .limit(1);
  return {
    userId: user?.id ?? null,
    phone: isEmail ? null : to,
    email: isEmail ? to : null,
    locale: isNotificationLocale(user?.locale) ? user.locale : 'en',
  };
}
