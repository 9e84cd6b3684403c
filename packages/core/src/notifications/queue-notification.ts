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
import { eq, sql } from 'drizzle-orm';
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
  const locale = input.locale ?? recipient.locale;
  const rendered = renderNotification(input.template, input.data as never, locale, deps.config.http.publicUrl);
  const secret = isSecretTemplate(input.template);
  const seal = (text: string) => (secret ? sealSecret(deps.config.auth.secret, text) : text);
  const now = deps.clock.now();

  const rows = templateChannels(input.template).flatMap((channel) => {
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
  if (rows.length === 0) return [];
  const inserted = await tx
    .insert(schema.notifications)
    .values(rows)
    .onConflictDoNothing({ target: schema.notifications.dedupeKey })
    .returning({ id: schema.notifications.id });
  // Delivered by Postgres at commit (dropped on rollback): the worker's listener runs send-notifications at
  // once (apps/worker wake-on-notify). Should it be missed, the job's cron sweep finds the row within a minute.
  if (inserted.length > 0) await tx.execute(sql`select pg_notify(${NOTIFICATIONS_CHANNEL}, '')`);
  return inserted.map((row) => row.id);
}

interface Recipient {
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
    if (!user) return null;
    return { userId: user.id, phone: user.phone, email: user.email, locale: isNotificationLocale(user.locale) ? user.locale : 'en' };
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
