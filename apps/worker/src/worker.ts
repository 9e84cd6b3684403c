import { hostname } from 'node:os';
import {
  calculateSettlements,
  cleanupAuth,
  cleanupNotifications,
  createSenders,
  type Deps,
  type MailSender,
  NOTIFICATIONS_CHANNEL,
  processDueRefunds,
  processPaymentEvent,
  processPaymentEvents,
  processRefund,
  pruneIdempotencyKeys,
  pruneRateLimits,
  reconcilePayments,
  recordWorkerHeartbeat,
  type Senders,
  type SmsSender,
  sendNotifications,
  sendReminders,
  startWebhookDispatcher,
  sweepExpiredHolds,
} from '@fareway/core';
import { newId } from '@fareway/db';
import { type QueueDefinition, queues } from '@fareway/jobs';
import type { z } from 'zod';
import { wakeOnNotify } from './wake-on-notify';

export interface WorkerOptions {
  /** The SMS provider (tests pass a console sender to read what was sent). */
  smsSender?: SmsSender;
  /** The email transport (tests pass one pointed at a local SMTP server). */
  mailSender?: MailSender;
  heartbeatMs?: number;
  /** The idle fallback of every queue (tests shorten it); NOTIFY wakes loops sooner anyway. */
  pollingIntervalSeconds?: number;
  /** How often the partner-webhook outbox is looked at besides its NOTIFY wake-ups (retries coming due). */
  webhookPollMs?: number;
}

export interface RunningWorker {
  workerId: string;
  stop(): Promise<void>;
}

/** Every queue's handler: name → zod payload (in @fareway/jobs) → the use case it runs. */
type Handlers = { [K in keyof typeof queues]: (payload: z.infer<(typeof queues)[K]['payload']>) => Promise<void> };

export function createHandlers(deps: Deps, senders: Senders): Handlers {
  return {
    // Notifications: the outbox's delivery (woken at commit, see wakeOnNotify), its retention, reminders.
    sendNotifications: async (payload) => {
      const result = await sendNotifications(deps, senders, payload);
      if (result.retry + result.failed + result.dead > 0) deps.log.info(result, 'notifications delivered with failures');
    },
    cleanupNotifications: async () => {
      const { deleted } = await cleanupNotifications(deps);
      if (deleted > 0) deps.log.info({ deleted }, 'deleted delivered notifications past retention');
    },
    sendReminders: async () => {
      const { queued } = await sendReminders(deps);
      if (queued > 0) deps.log.info({ queued }, 'queued booking reminders');
    },
    cleanupRateLimits: async () => {
      const { deleted } = await pruneRateLimits(deps);
      if (deleted > 0) deps.log.debug({ deleted }, 'pruned rate-limit windows');
    },
    cleanupIdempotency: async () => {
      const { deleted } = await pruneIdempotencyKeys(deps);
      if (deleted > 0) deps.log.debug({ deleted }, 'pruned expired idempotency keys');
    },
    cleanupAuth: async () => {
      const deleted = await cleanupAuth(deps);
      if (deleted.otpCodes + deleted.sessions > 0) deps.log.info(deleted, 'deleted expired sign-in codes and sessions');
    },
    expireHolds: async () => {
      const { expired } = await sweepExpiredHolds(deps);
      if (expired > 0) deps.log.info({ expired }, 'expired lapsed holds');
    },
    processPaymentEvent: async (payload) => {
      const outcome = await processPaymentEvent(deps, payload);
      deps.log.info({ eventId: payload.eventId, outcome }, 'payment event processed');
    },
    processRefunds: async (payload) => {
      if (payload.refundId) {
        const outcome = await processRefund(deps, { refundId: payload.refundId });
        deps.log.info({ refundId: payload.refundId, outcome }, 'refund processed');
      } else {
        const outcomes = await processDueRefunds(deps);
        if (outcomes.succeeded + outcomes.failed + outcomes.error > 0) deps.log.info(outcomes, 'pending refunds processed');
      }
    },
    reconcilePayments: async (payload) => {
      const result = await reconcilePayments(deps, payload.intentIds ? { intentIds: payload.intentIds } : {});
      if (result.checked > 0 || result.refundsRequeued > 0) deps.log.info(result, 'payments reconciled');
    },
    calculateSettlements: async (payload) => {
      const result = await calculateSettlements(deps, payload.period ? { period: payload.period } : {});
      deps.log.info(result, 'settlements calculated');
    },
  };
}

/** Queues whose handler takes a whole fetched batch: one settled result per payload, in order (see JobQueue.workBatches). */
type BatchHandlers = {
  [K in keyof typeof queues]?: (payloads: z.infer<(typeof queues)[K]['payload']>[]) => Promise<PromiseSettledResult<unknown>[]>;
};

/**
 * Payment events are applied a fetched batch at a time (issue 11: the queue cost as much as the
 * work): one read of the events, the captures of live holds in one transaction; each event still
 * succeeds or fails on its own.
 */
export function createBatchHandlers(deps: Deps): BatchHandlers {
  return {
    processPaymentEvent: async (payloads) => {
      const results = await processPaymentEvents(deps, { eventIds: payloads.map((payload) => payload.eventId) });
      results.forEach((result, i) => {
        if (result.status === 'fulfilled')
          deps.log.info({ eventId: payloads[i]?.eventId, outcome: result.value }, 'payment event processed');
      });
      return results;
    },
  };
}

/** The cron a queue runs on here: JOB_SCHEDULES, else the queue's default; null when off or never scheduled. */
export function scheduleOf(deps: Pick<Deps, 'config'>, queue: QueueDefinition): string | null {
  const configured = deps.config.worker.schedules[queue.name];
  return configured === undefined ? (queue.cron ?? null) : configured;
}

/**
 * Registers every handler and cron schedule on the deps' job queue (pg-boss:
 * workers coordinate with SKIP LOCKED, so run as many as you like), each queue
 * with its own concurrency and batch size, and keeps a heartbeat row fresh so
 * `system.status` can tell a worker is alive.
 */
export async function startWorker(deps: Deps, options: WorkerOptions = {}): Promise<RunningWorker> {
  const worker = { workerId: `worker_${newId()}`, hostname: hostname(), startedAt: deps.clock.now() };
  const senders = createSenders(deps.config, deps.log, {
    ...(options.smsSender ? { sms: options.smsSender } : {}),
    ...(options.mailSender ? { mail: options.mailSender } : {}),
  });
  const handlers = createHandlers(deps, senders);
  const batchHandlers = createBatchHandlers(deps);
  const definitions = Object.entries(queues) as Array<[keyof typeof queues, QueueDefinition]>;
  const stale = await deps.jobs.unscheduleAllBut(definitions.map(([, d]) => d.name));
  if (stale.length > 0) deps.log.info({ stale }, 'removed schedules of queues that no longer exist');
  for (const [key, definition] of definitions) {
    const handler = handlers[key] as (payload: unknown) => Promise<void>;
    const batchHandler = batchHandlers[key] as ((payloads: unknown[]) => Promise<PromiseSettledResult<unknown>[]>) | undefined;
    const workOptions = {
      ...deps.config.worker.queues[definition.name],
      ...(options.pollingIntervalSeconds === undefined ? {} : { pollingIntervalSeconds: options.pollingIntervalSeconds }),
    };
    if (batchHandler) await deps.jobs.workBatches(definition, (payloads) => batchHandler(payloads), workOptions);
    else await deps.jobs.work(definition, (payload) => handler(payload), workOptions);
    await deps.jobs.schedule(definition, scheduleOf(deps, definition));
  }
  const stopWaking = await wakeOnNotify(deps, NOTIFICATIONS_CHANNEL, queues.sendNotifications);
  const beat = async () => {
    try {
      await recordWorkerHeartbeat(deps, worker);
    } catch (error) {
      deps.log.warn({ err: error }, 'worker heartbeat failed');
    }
  };
  const webhooks = await startWebhookDispatcher(deps, { pollMs: options.webhookPollMs });
  await beat();
  const timer = setInterval(beat, options.heartbeatMs ?? 15_000);
  timer.unref();
  deps.log.info({ workerId: worker.workerId, queues: Object.values(queues).map((q) => q.name) }, 'worker started');
  return {
    workerId: worker.workerId,
    async stop() {
      clearInterval(timer);
      await webhooks.stop();
      await stopWaking();
      senders.mail.close?.();
      for (const definition of Object.values(queues)) await deps.jobs.offWork(definition.name);
    },
  };
}
