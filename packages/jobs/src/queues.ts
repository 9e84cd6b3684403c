import { z } from 'zod';

export interface QueueDefinition<TPayload extends z.ZodType = z.ZodType> {
  name: string;
  payload: TPayload;
  /** Attempts after the first one; each waits longer (exponential backoff from retryDelaySeconds). */
  retryLimit: number;
  retryDelaySeconds: number;
  /** A job that runs longer than this is failed and retried. */
  expireInSeconds: number;
  /** Default cron expression (UTC) when the queue runs on a schedule; `JOB_SCHEDULES` overrides it. */
  cron?: string;
  /** Fetch loops one worker process runs for this queue (`JOB_CONCURRENCY` overrides it). */
  concurrency: number;
  /** Jobs one fetch takes (with SKIP LOCKED) and runs at once (`JOB_BATCH_SIZE` overrides it). */
  batchSize: number;
  /**
   * How often an idle loop looks for work when nothing woke it. Senders NOTIFY the
   * worker in the enqueueing transaction, so this is only the fallback (cron
   * jobs, retries coming due, a lost notification).
   */
  pollingIntervalSeconds: number;
}

type Defaulted = 'retryLimit' | 'retryDelaySeconds' | 'expireInSeconds' | 'concurrency' | 'batchSize' | 'pollingIntervalSeconds';

export function defineQueue<TPayload extends z.ZodType>(
  definition: Omit<QueueDefinition<TPayload>, Defaulted> & Partial<Pick<QueueDefinition, Defaulted>>,
): QueueDefinition<TPayload> {
  return {
    retryLimit: 5,
    retryDelaySeconds: 10,
    expireInSeconds: 300,
    concurrency: 1,
    batchSize: 1,
    pollingIntervalSeconds: 2,
    ...definition,
  };
}

/** Where a job goes once it has used every retry: looked at by people, never retried by itself. */
export function deadLetterName(queue: string): string {
  return `${queue}.dead`;
}

/** A scheduled job takes no payload of its own; admins may pass one when they run it by hand (validated by each queue). */
const noPayload = z.object({}).strict();

/** `YYYY-MM`: a calendar month in UTC. */
export const SettlementPeriod = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'expected a month as YYYY-MM' });

/**
 * The queues of Fareway: name → zod payload → (in the worker) handler. One
 * registry: the worker works every queue here, schedules the ones with a cron,
 * and admins run and watch them by name (`/admin/jobs/{name}`).
 */
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
    concurrency: 2,
    batchSize: 8,
  }),
  /** Deletes delivered messages older than NOTIFICATION_RETENTION_DAYS. */
  cleanupNotifications: defineQueue({
    name: 'cleanup-notifications',
    payload: noPayload,
    cron: '17 3 * * *',
    retryLimit: 2,
  }),
  /** Queues reminders (REMINDER_HOURS before pickup or departure), once per booking per lead. */
  sendReminders: defineQueue({
    name: 'send-reminders',
    payload: noPayload,
    cron: '*/5 * * * *',
    retryLimit: 2,
  }),
  /**
   * Applies recorded gateway webhook events (payments/process-payment-event), a fetched batch at a time:
   * the live-hold captures of a batch in one transaction, each event still done or retried on its own.
   * Two loops of 16 keep one worker process on 2 cores ahead of ingestion (bench/payment-webhooks):
   * one loop's batch commits while the other's is read. Idempotent; retried on gateway trouble.
   */
  processPaymentEvent: defineQueue({
    name: 'process-payment-event',
    payload: z.object({ eventId: z.uuid() }),
    retryLimit: 8,
    retryDelaySeconds: 5,
    expireInSeconds: 120,
    concurrency: 2,
    batchSize: 16,
  }),
  /**
   * Executes one refund through its gateway or to the wallet (refunds/process-refund);
   * without `refundId` (the schedule, or an admin) it queues every pending refund that has no live job.
   */
  processRefunds: defineQueue({
    name: 'process-refunds',
    payload: z.object({ refundId: z.uuid().optional() }).strict(),
    cron: '*/10 * * * *',
    retryLimit: 10,
    retryDelaySeconds: 30,
    expireInSeconds: 120,
    concurrency: 2,
    batchSize: 4,
  }),
  /** Settles intents stuck in initiated/pending with the gateway; `intentIds` checks those now. */
  reconcilePayments: defineQueue({
    name: 'reconcile-payments',
    payload: z.object({ intentIds: z.array(z.uuid()).max(100).optional() }).strict(),
    cron: '*/5 * * * *',
    retryLimit: 1,
    expireInSeconds: 600,
  }),
  /** Tidies lapsed holds into `expired` (holds stop blocking at expiresAt even before this runs). */
  expireHolds: defineQueue({
    name: 'expire-holds',
    payload: noPayload,
    cron: '* * * * *',
    retryLimit: 2,
    expireInSeconds: 60,
  }),
  /** Computes every partner's statement for a month (default: the month before today, UTC); a period already computed is left as it is. */
  calculateSettlements: defineQueue({
    name: 'calculate-settlements',
    payload: z.object({ period: SettlementPeriod.optional() }).strict(),
    cron: '0 2 1 * *',
    retryLimit: 3,
    retryDelaySeconds: 60,
    expireInSeconds: 900,
  }),
  /** Deletes Idempotency-Keys past their 24 h (expired keys already behave as new; this only keeps the table small). */
  cleanupIdempotency: defineQueue({
    name: 'cleanup-idempotency',
    payload: noPayload,
    cron: '*/15 * * * *',
    retryLimit: 2,
  }),
  /** Deletes expired or used sign-in codes and expired sessions (neither is accepted any more; only the tables shrink). */
  cleanupAuth: defineQueue({
    name: 'cleanup-auth',
    payload: noPayload,
    cron: '7 * * * *',
    retryLimit: 2,
  }),
  /** Deletes rate-limit windows that have ended. */
  cleanupRateLimits: defineQueue({
    name: 'cleanup-rate-limits',
    payload: noPayload,
    cron: '*/10 * * * *',
    retryLimit: 2,
  }),
} satisfies Record<string, QueueDefinition>;

export type Queues = typeof queues;
export type QueueKey = keyof Queues;
export type PayloadOf<Q extends QueueDefinition> = z.infer<Q['payload']>;

/** The queue of that name, or undefined (admins run jobs by name). */
export function queueNamed(name: string): QueueDefinition | undefined {
  return Object.values(queues).find((queue) => queue.name === name);
}
