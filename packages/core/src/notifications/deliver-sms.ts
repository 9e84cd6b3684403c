import { schema, withTransaction } from '@fareway/db';
import { eq } from 'drizzle-orm';
import type { Deps } from '../deps';
import { isSealed, openSecret } from '../identity/secrets';
import { SmsDeliveryError, type SmsSender } from './sms-sender';

/**
 * The `send-sms` job: delivers one outbox row. Idempotent (a sent row is not sent
 * again); a retryable failure rethrows so pg-boss retries with backoff; a final
 * one marks the row failed. A body that carried a secret is scrubbed once sent.
 */
export async function deliverSms(
  deps: Pick<Deps, 'db' | 'clock' | 'config' | 'log'>,
  sender: SmsSender,
  input: { notificationId: string },
): Promise<'sent' | 'skipped' | 'failed'> {
  const [row] = await deps.db.select().from(schema.notifications).where(eq(schema.notifications.id, input.notificationId)).limit(1);
  if (row?.status !== 'queued') return 'skipped';
  const body = isSealed(row.body) ? openSecret(deps.config.auth.secret, row.body) : row.body;
  try {
    // No transaction is open across the provider call.
    const result = await sender.send({ to: row.recipient, body });
    await withTransaction(deps.db, async (tx) => {
      await tx
        .update(schema.notifications)
        .set({
          status: 'sent',
          provider: result.provider,
          providerMessageId: result.providerMessageId,
          attempts: row.attempts + 1,
          sentAt: deps.clock.now(),
          lastError: null,
          ...(isSealed(row.body) ? { body: '[delivered; secret removed]' } : {}),
        })
        .where(eq(schema.notifications.id, row.id));
    });
    return 'sent';
  } catch (error) {
    const retryable = !(error instanceof SmsDeliveryError) || error.retryable;
    await deps.db
      .update(schema.notifications)
      .set({
        attempts: row.attempts + 1,
        lastError: error instanceof Error ? error.message.slice(0, 500) : String(error),
        ...(retryable ? {} : { status: 'failed' as const, body: isSealed(row.body) ? '[not delivered; secret removed]' : row.body }),
      })
      .where(eq(schema.notifications.id, row.id));
    deps.log.warn({ notificationId: row.id, retryable, err: error }, 'SMS delivery failed');
    if (retryable) throw error;
    return 'failed';
  }
}
