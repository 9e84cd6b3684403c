import { newId, schema, withTransaction } from '@fareway/db';
import { decideAfterFailure } from '@fareway/domain';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Deps } from '../deps';
import { isSealed, openSecret } from '../identity/secrets';
import type { Senders } from './create-sms-sender';
import { DeliveryError, describeError } from './delivery-error';
import { messageText } from './message-text';

type NotificationRow = typeof schema.notifications.$inferSelect;
export type DeliveryOutcome = 'sent' | 'retry' | 'failed' | 'dead';

export interface SendNotificationsResult {
  sent: number;
  retry: number;
  failed: number;
  dead: number;
}

/** Messages one sweep claims at most; the cron and the next wake-up take the rest. */
const SWEEP_LIMIT = 100;
/** Deliveries in flight at once within one run. */
const PARALLEL = 4;

/**
 * The `send-notifications` job: delivers every due message (queued and past
 * its backoff, or left `sending` by a delivery that was killed: its lease ran
 * out), or only `notificationId` when given. Run by the worker the moment a
 * transaction that queued one commits (NOTIFY), and every minute by cron for
 * retries and anything a missed wake-up left behind.
 *
 * Safe to run twice at once: a message is claimed (status sending, a lease,
 * attempts + 1, an attempt row) in one statement under FOR UPDATE SKIP LOCKED,
 * so two runs never hold the same message. Killed after the provider took it but
 * before `sent` was written, the message is sent again when its lease runs out:
 * at-least-once, as SMTP itself is (the email keeps its Message-ID, so a
 * receiving server can drop the copy). Killed after `sent` was written, a rerun
 * finds nothing to do. No transaction is open across a provider call.
 */
export async function sendNotifications(
  deps: Pick<Deps, 'db' | 'clock' | 'config' | 'log'>,
  senders: Senders,
  input: { notificationId?: string | undefined; limit?: number } = {},
): Promise<SendNotificationsResult> {
  const claimed = await claim(deps, input.notificationId, input.limit ?? SWEEP_LIMIT);
  const result: SendNotificationsResult = { sent: 0, retry: 0, failed: 0, dead: 0 };
  let next = 0;
  const lane = async () => {
    while (next < claimed.length) {
      const row = claimed[next++] as NotificationRow;
      result[await deliver(deps, senders, row)]++;
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, claimed.length) }, lane));
  return result;
}

async function claim(deps: Pick<Deps, 'db' | 'clock' | 'config'>, notificationId: string | undefined, limit: number) {
  const now = deps.clock.now();
  const leaseUntil = new Date(now.getTime() + deps.config.notifications.leaseSeconds * 1000);
  return withTransaction(deps.db, async (tx) => {
    const only = notificationId ? sql`and id = ${notificationId}` : sql``;
    const rows = await tx.execute<{ id: string }>(sql`
      select id from notifications
      where ((status = 'queued' and next_attempt_at <= ${now.toISOString()}::timestamptz) or (status = 'sending' and locked_until <= ${now.toISOString()}::timestamptz)) ${only}
      order by next_attempt_at
      limit ${limit}
      for update skip locked`);
    const ids = rows.map((r) => r.id);
    if (ids.length === 0) return [];
    // A try that never finished (its worker was killed) is closed as interrupted.
    await tx
      .update(schema.notificationAttempts)
      .set({ finishedAt: now, outcome: 'retry', error: 'interrupted: the delivery did not finish within its lease' })
      .where(and(inArray(schema.notificationAttempts.notificationId, ids), isNull(schema.notificationAttempts.outcome)));
    const claimed = await tx
      .update(schema.notifications)
      .set({ status: 'sending', attempts: sql`${schema.notifications.attempts} + 1`, lockedUntil: leaseUntil })
      .where(inArray(schema.notifications.id, ids))
      .returning();
    await tx
      .insert(schema.notificationAttempts)
      .values(claimed.map((row) => ({ id: newId(), notificationId: row.id, attempt: row.attempts, startedAt: now })));
    return claimed;
  });
}

async function deliver(
  deps: Pick<Deps, 'db' | 'clock' | 'config' | 'log'>,
  senders: Senders,
  row: NotificationRow,
): Promise<DeliveryOutcome> {
  const text = messageText(deps, row);
  const secret = isSealed(text.body);
  const open = (value: string) => (isSealed(value) ? openSecret(deps.config.auth.secret, value) : value);
  // A notice queued as template + data keeps, once sent, the text that went out (as a rendered one has from the start).
  const sentText = text.rendered ? { subject: text.subject, body: text.body, html: text.html } : {};
  const scrub = secret ? { body: '[delivered; secret removed]', html: null } : sentText;
  // The claim is ours while status, attempts and lease are as we wrote them.
  const ours = and(
    eq(schema.notifications.id, row.id),
    eq(schema.notifications.status, 'sending'),
    eq(schema.notifications.attempts, row.attempts),
  );
  const attemptOf = and(eq(schema.notificationAttempts.notificationId, row.id), eq(schema.notificationAttempts.attempt, row.attempts));

  if (row.attempts > deps.config.notifications.maxAttempts) {
    // Killed on its last try: it may or may not have gone; no more tries.
    await finish('dead', { lastError: 'interrupted on the last attempt' }, 'interrupted on the last attempt');
    return 'dead';
  }
  try {
    const result =
      row.channel === 'sms'
        ? await senders.sms.send({ to: row.recipient, body: open(text.body) })
        : await senders.mail.send({
            to: row.recipient,
            from: deps.config.notifications.mailFrom,
            subject: text.subject ?? '',
            text: open(text.body),
            html: text.html ? open(text.html) : null,
            messageId: `<${row.id}@${mailDomain(deps.config.notifications.mailFrom)}>`,
          });
    await record(
      {
        status: 'sent',
        provider: result.provider,
        providerMessageId: result.providerMessageId,
        sentAt: deps.clock.now(),
        lockedUntil: null,
        lastError: null,
        ...scrub,
      },
      { finishedAt: deps.clock.now(), outcome: 'sent', provider: result.provider, providerMessageId: result.providerMessageId },
    );
    return 'sent';
  } catch (error) {
    const retryable = !(error instanceof DeliveryError) || error.retryable;
    const message = describeError(error).slice(0, 500);
    const after = decideAfterFailure({
      attempts: row.attempts,
      maxAttempts: deps.config.notifications.maxAttempts,
      retryable,
      baseDelaySeconds: deps.config.notifications.retryBaseSeconds,
      now: deps.clock.now(),
    });
    deps.log.warn(
      { notificationId: row.id, channel: row.channel, attempts: row.attempts, next: after.status, err: error },
      'notification delivery failed',
    );
    if (after.status === 'queued') {
      await finish('retry', { lastError: message, nextAttemptAt: after.nextAttemptAt }, message);
      return 'retry';
    }
    await finish(after.status, { lastError: message, ...(secret ? { body: '[not delivered; secret removed]', html: null } : {}) }, message);
    return after.status;
  }

  // A retry waits in the row (next_attempt_at); the job's cron sweep picks it up once due.
  async function finish(outcome: 'retry' | 'failed' | 'dead', set: Partial<NotificationRow>, error: string) {
    await record(
      { ...set, status: outcome === 'retry' ? 'queued' : outcome, lockedUntil: null },
      { finishedAt: deps.clock.now(), outcome, error },
    );
  }

  /** The message and its attempt, written together in one statement (two CTEs: atomic, one round trip). */
  async function record(message: Partial<NotificationRow>, attempt: Partial<typeof schema.notificationAttempts.$inferInsert>) {
    await deps.db.execute(sql`with message_w as (${deps.db.update(schema.notifications).set(message).where(ours).getSQL()}),
      attempt_w as (${deps.db.update(schema.notificationAttempts).set(attempt).where(attemptOf).getSQL()}) select 1`);
  }
}

/** `Fareway <no-reply@fareway.lk>` → `fareway.lk`, for Message-IDs. */
function mailDomain(from: string): string {
  return /@([^>\s]+)/.exec(from)?.[1] ?? 'fareway.invalid';
}
