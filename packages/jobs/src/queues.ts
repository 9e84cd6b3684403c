import { z } from 'zod';

export interface QueueDefinition<TPayload extends z.ZodType = z.ZodType> {
  name: string;
  payload: TPayload;
  /** Attempts after the first one; each waits longer (exponential backoff from retryDelaySeconds). */
  retryLimit: number;
  retryDelaySeconds: number;
  /** A job that runs longer than this is failed and retried. */
  expireInSeconds: number;
  /** Cron expression (UTC) when the queue runs on a schedule. */
  cron?: string;
}

export function defineQueue<TPayload extends z.ZodType>(
  definition: Omit<QueueDefinition<TPayload>, 'retryLimit' | 'retryDelaySeconds' | 'expireInSeconds'> &
    Partial<Pick<QueueDefinition, 'retryLimit' | 'retryDelaySeconds' | 'expireInSeconds'>>,
): QueueDefinition<TPayload> {
  return { retryLimit: 5, retryDelaySeconds: 10, expireInSeconds: 300, ...definition };
}

/** Where a job goes once it has used every retry: looked at by people, never retried by itself. */
export function deadLetterName(queue: string): string {
  return `${queue}.dead`;
}

/** The queues of Fareway. Features add theirs here: name → zod payload → (in the worker) handler. */
export const queues = {
  /**
   * Delivers the email/SMS outbox (core notifications/send-notifications): every due message, or one by
   * id. Sent by the worker when a queueing transaction commits (NOTIFY), and by cron for retries and
   * missed wake-ups. Retries and the dead state are the outbox's own (NOTIFICATION_MAX_ATTEMPTS).
   */
  sendNotifications: defineQueue({
    name: 'send-notifications',
    payload: z.object({ notificationId: z.uuid().optional() }).passthrough(),
    cron: '* * * * *',
    retryLimit: 3,
    retryDelaySeconds: 5,
    expireInSeconds: 300,
  }),
  /** Deletes delivered messages older than NOTIFICATION_RETENTION_DAYS. */
  cleanupNotifications: defineQueue({
    name: 'cleanup-notifications',
    payload: z.object({}).passthrough(),
    cron: '17 3 * * *',
    retryLimit: 2,
  }),
  /** Queues reminders (REMINDER_HOURS before pickup or departure), once per booking per lead. */
  sendReminders: defineQueue({
    name: 'send-reminders',
    payload: z.object({}).passthrough(),
    cron: '*/5 * * * *',
    retryLimit: 2,
  }),
  pruneRateLimits: defineQueue({
    name: 'maintenance.prune-rate-limits',
    payload: z.object({}).passthrough(),
    cron: '*/10 * * * *',
    retryLimit: 2,
  }),
  /** Deletes Idempotency-Keys past their 24 h (expired keys already behave as new; this only keeps the table small). */
  pruneIdempotencyKeys: defineQueue({
    name: 'maintenance.prune-idempotency-keys',
    payload: z.object({}).passthrough(),
    cron: '*/15 * * * *',
    retryLimit: 2,
  }),
  /** Applies one recorded gateway webhook event (payments/process-payment-event). Idempotent; retried on gateway trouble. */
  processPaymentEvent: defineQueue({
    name: 'payments.process-event',
    payload: z.object({ eventId: z.uuid() }),
    retryLimit: 8,
    retryDelaySeconds: 5,
    expireInSeconds: 120,
  }),
  /** Executes one refund through its gateway or to the wallet (refunds/process-refund). */
  processRefunds: defineQueue({
    name: 'payments.process-refunds',
    payload: z.object({ refundId: z.uuid() }),
    retryLimit: 10,
    retryDelaySeconds: 30,
    expireInSeconds: 120,
  }),
  /** Settles intents stuck in initiated/pending with the gateway; `intentIds` checks those now. */
  reconcilePayments: defineQueue({
    name: 'payments.reconcile',
    payload: z.object({ intentIds: z.array(z.uuid()).max(100).optional() }).passthrough(),
    cron: '*/5 * * * *',
    retryLimit: 1,
    expireInSeconds: 600,
  }),
  /** Tidies lapsed holds into `expired` (holds stop blocking at expiresAt even before this runs). */
  sweepExpiredHolds: defineQueue({
    name: 'bookings.sweep-expired-holds',
    payload: z.object({}).passthrough(),
    cron: '* * * * *',
    retryLimit: 2,
    expireInSeconds: 60,
  }),
} satisfies Record<string, QueueDefinition>;

export type Queues = typeof queues;
export type QueueKey = keyof Queues;
export type PayloadOf<Q extends QueueDefinition> = z.infer<Q['payload']>;
