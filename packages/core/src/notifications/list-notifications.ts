import { schema } from '@fareway/db';
import type { NotificationStatus } from '@fareway/db/schema';
import { and, asc, count, desc, eq, inArray, type SQL } from 'drizzle-orm';
import type { Deps } from '../deps';
import type { Page } from '../identity/list-users';
import { isSealed, openSecret } from '../identity/secrets';
import { messageText } from './message-text';

export interface OutboxMessage {
  id: string;
  channel: 'sms' | 'email';
  recipient: string;
  userId: string | null;
  kind: string;
  locale: string;
  subject: string | null;
  /** The text sent; a body holding a secret (a sign-in code) is masked in production. */
  body: string;
  masked: boolean;
  status: NotificationStatus;
  provider: string | null;
  attempts: {
    attempt: number;
    startedAt: string;
    finishedAt: string | null;
    outcome: string | null;
    provider: string | null;
    error: string | null;
  }[];
  lastError: string | null;
  nextAttemptAt: string;
  createdAt: string;
  sentAt: string | null;
}

/** What an admin sees instead of a secret: they have no business reading someone's sign-in code. */
export const MASKED_BODY = '•••••• (holds a sign-in code; hidden in production)';

/**
 * Admin: the notification outbox, newest first (notifications_created_idx, or
 * notifications_status_created_idx by state), each with its delivery attempts.
 * Security: a body holding a secret is sealed in the table; in production it
 * stays masked here, elsewhere it is opened so a developer can read the code.
 */
export async function listNotifications(
  deps: Pick<Deps, 'db' | 'config'>,
  input: { page: number; limit: number; status?: NotificationStatus; channel?: 'sms' | 'email' },
): Promise<Page<OutboxMessage>> {
  const n = schema.notifications;
  const filters: SQL[] = [];
  if (input.status) filters.push(eq(n.status, input.status));
  if (input.channel) filters.push(eq(n.channel, input.channel));
  const where = filters.length > 0 ? and(...filters) : undefined;
  const [rows, [total]] = await Promise.all([
    deps.db
      .select()
      .from(n)
      .where(where)
      .orderBy(desc(n.createdAt), desc(n.id))
      .limit(input.limit)
      .offset((input.page - 1) * input.limit),
    deps.db.select({ n: count() }).from(n).where(where),
  ]);
  const attempts =
    rows.length === 0
      ? []
      : await deps.db
          .select()
          .from(schema.notificationAttempts)
          .where(
            inArray(
              schema.notificationAttempts.notificationId,
              rows.map((r) => r.id),
            ),
          )
          .orderBy(asc(schema.notificationAttempts.attempt));
  const production = deps.config.env === 'production';
  return {
    items: rows.map((r) => {
      // A notice queued as template + data shows what it will say (and, once sent, says what it said).
      const text = messageText(deps, r);
      const secret = isSealed(text.body) || r.kind === 'otp';
      const masked = secret && production;
      let body = text.body;
      if (masked) body = MASKED_BODY;
      else if (isSealed(text.body)) body = openSecret(deps.config.auth.secret, text.body);
      return {
        id: r.id,
        channel: r.channel,
        recipient: r.recipient,
        userId: r.userId,
        kind: r.kind,
        locale: r.locale,
        subject: text.subject,
        body,
        masked,
        status: r.status,
        provider: r.provider,
        attempts: attempts
          .filter((a) => a.notificationId === r.id)
          .map((a) => ({
            attempt: a.attempt,
            startedAt: a.startedAt.toISOString(),
            finishedAt: a.finishedAt?.toISOString() ?? null,
            outcome: a.outcome,
            provider: a.provider,
            error: a.error,
          })),
        lastError: r.lastError,
        nextAttemptAt: r.nextAttemptAt.toISOString(),
        createdAt: r.createdAt.toISOString(),
        sentAt: r.sentAt?.toISOString() ?? null,
      };
    }),
    meta: { page: input.page, limit: input.limit, total: total?.n ?? 0 },
  };
}
