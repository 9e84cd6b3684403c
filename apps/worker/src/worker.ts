import { hostname } from 'node:os';
import {
  cleanupNotifications,
  createSenders,
  type Deps,
  type MailSender,
  NOTIFICATIONS_CHANNEL,
  processPaymentEvent,
  processRefund,
  pruneIdempotencyKeys,
  pruneRateLimits,
  reconcilePayments,
  recordWorkerHeartbeat,
  type Senders,
  type SmsSender,
  sendNotifications,
  sendReminders,
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
  pollingIntervalSeconds?: number;
}

export interface RunningWorker {
  workerId: string;
  stop(): Promise<void>;
}

/** Every queue's handler: name → zod payload (in @fareway/jobs) → the use case it runs. */
type Handlers = { [K in keyof typeof queues]: (payload: z.infer<(typeof queues)[K]['payload']>) => Promise<void> };

function createHandlers(deps: Deps, senders: Senders): Handlers {
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
    pruneRateLimits: async () => {
      const { deleted } = await pruneRateLimits(deps);
      if (deleted > 0) deps.log.debug({ deleted }, 'pruned rate-limit windows');
    },
    pruneIdempotencyKeys: async () => {
      const { deleted } = await pruneIdempotencyKeys(deps);
      if (deleted > 0) deps.log.debug({ deleted }, 'pruned expired idempotency keys');
    },
    sweepExpiredHolds: async () => {
      const { expired } = await sweepExpiredHolds(deps);
      if (expired > 0) deps.log.info({ expired }, 'expired lapsed holds');
    },
    processPaymentEvent: async (payload) => {
      const outcome = await processPaymentEvent(deps, payload);
      deps.log.info({ eventId: payload.eventId, outcome }, 'payment event processed');
    },
    processRefunds: async (payload) => {
      const outcome = await processRefund(deps, payload);
      deps.log.info({ refundId: payload.refundId, outcome }, 'refund processed');
    },
    reconcilePayments: async (payload) => {
      const result = await reconcilePayments(deps, payload.intentIds ? { intentIds: payload.intentIds } : {});
      if (result.checked > 0 || result.refundsRequeued > 0) deps.log.info(result, 'payments reconciled');
    },
  };
}

/**
 * Registers every handler and cron schedule on the deps' job queue (pg-boss:
 * workers coordinate with SKIP LOCKED, so run as many as you like) and keeps a
 * heartbeat row fresh so `system.status` can tell a worker is alive.
 */
export async function startWorker(deps: Deps, options: WorkerOptions = {}): Promise<RunningWorker> {
  const worker = { workerId: `worker_${newId()}`, hostname: hostname(), startedAt: deps.clock.now() };
  const senders = createSenders(deps.config, deps.log, {
    ...(options.smsSender ? { sms: options.smsSender } : {}),
    ...(options.mailSender ? { mail: options.mailSender } : {}),
  });
  const handlers = createHandlers(deps, senders);
  const workIds = new Map<string, string>();
  for (const [key, definition] of Object.entries(queues) as Array<[keyof typeof queues, QueueDefinition]>) {
    const handler = handlers[key] as (payload: unknown) => Promise<void>;
    const workId = await deps.jobs.work(definition, (payload) => handler(payload), {
      pollingIntervalSeconds: options.pollingIntervalSeconds,
    });
    workIds.set(definition.name, workId);
    await deps.jobs.schedule(definition);
  }
  const stopWaking = await wakeOnNotify(
    deps,
    NOTIFICATIONS_CHANNEL,
    queues.sendNotifications,
    workIds.get(queues.sendNotifications.name) ?? '',
  );
  const beat = async () => {
    try {
      await recordWorkerHeartbeat(deps, worker);
    } catch (error) {
      deps.log.warn({ err: error }, 'worker heartbeat failed');
    }
  };
  await beat();
  const timer = setInterval(beat, options.heartbeatMs ?? 15_000);
  timer.unref();
  deps.log.info({ workerId: worker.workerId, queues: Object.values(queues).map((q) => q.name) }, 'worker started');
  return {
    workerId: worker.workerId,
    async stop() {
      clearInterval(timer);
      await stopWaking();
      senders.mail.close?.();
      for (const definition of Object.values(queues)) await deps.jobs.boss.offWork(definition.name);
    },
  };
}
