import { type DatabaseOrTransaction, rawClient } from '@fareway/db';
import PgBoss from 'pg-boss';
import type { z } from 'zod';
import { deadLetterName, type QueueDefinition } from './queues';

export interface JobQueueOptions {
  connectionString: string;
  /** pg-boss keeps its own small `pg` pool beside the app's postgres.js one. */
  poolMax?: number;
  /** Workers maintain and schedule; API processes only send. */
  role: 'worker' | 'sender';
  onError?: (error: Error) => void;
}

export type Job<T> = PgBoss.Job<T>;

/**
 * pg-boss speaks node-postgres, which sends undefined as null and plain objects as
 * JSON; postgres.js does neither by itself, so parameters are mapped here.
 */
function toPostgresJsParameter(value: unknown): unknown {
  if (value === undefined) return null;
  if (value !== null && typeof value === 'object' && !(value instanceof Date) && !Buffer.isBuffer(value) && !Array.isArray(value)) {
    return JSON.stringify(value);
  }
  return value;
}

/**
 * The typed face of pg-boss. `send(tx, queue, payload)` enqueues inside the caller's
 * transaction, so a job exists exactly when the change that asked for it commits.
 */
export class JobQueue {
  readonly boss: PgBoss;
  private readonly created = new Set<string>();

  constructor(options: JobQueueOptions) {
    this.boss = new PgBoss({
      connectionString: options.connectionString,
      max: options.poolMax ?? 3,
      application_name: `fareway-${options.role}`,
      supervise: options.role === 'worker',
      schedule: options.role === 'worker',
      migrate: true,
    });
    this.boss.on('error', options.onError ?? (() => {}));
  }

  async start(definitions: QueueDefinition[]): Promise<void> {
    await this.boss.start();
    for (const definition of definitions) await this.ensureQueue(definition);
  }

  /**
   * Waits up to `timeoutMs` for running jobs, then fails what still runs (pg-boss retries it
   * later). When `hurry` aborts, stops waiting at once: the jobs still running are left to
   * expire and be retried, which their handlers allow (they are idempotent).
   */
  async stop(options: { graceful?: boolean; timeoutMs?: number; hurry?: AbortSignal } = {}): Promise<void> {
    const graceful = (options.graceful ?? true) && !options.hurry?.aborted;
    const stopped = this.boss.stop({ graceful, timeout: options.timeoutMs ?? 10_000, wait: true });
    const hurry = options.hurry;
    if (!hurry || !graceful) return stopped;
    await new Promise<void>((done, fail) => {
      hurry.addEventListener('abort', () => done(), { once: true });
      stopped.then(done, fail);
    });
  }

  async ensureQueue(definition: QueueDefinition): Promise<void> {
    if (this.created.has(definition.name)) return;
    const dead = deadLetterName(definition.name);
    // createQueue is idempotent in pg-boss 10; the dead-letter queue must exist first.
    await this.boss.createQueue(dead, { name: dead, retentionDays: 30 });
    await this.boss.createQueue(definition.name, {
      name: definition.name,
      retryLimit: definition.retryLimit,
      retryDelay: definition.retryDelaySeconds,
      retryBackoff: true,
      expireInSeconds: definition.expireInSeconds,
      deadLetter: dead,
    });
    this.created.add(definition.name);
  }

  /**
   * Validates the payload and enqueues it. With `tx`, the insert runs on that
   * transaction's connection (pg-boss's `db` option): a rollback takes the job with it.
   */
  async send<Q extends QueueDefinition>(
    tx: DatabaseOrTransaction | undefined,
    queue: Q,
    payload: z.input<Q['payload']>,
    options: { startAfterSeconds?: number; singletonKey?: string } = {},
  ): Promise<string | null> {
    const data = queue.payload.parse(payload) as object;
    const sendOptions: PgBoss.SendOptions = {};
    if (options.startAfterSeconds !== undefined) sendOptions.startAfter = options.startAfterSeconds;
    if (options.singletonKey !== undefined) sendOptions.singletonKey = options.singletonKey;
    if (tx) {
      const client = rawClient(tx);
      sendOptions.db = {
        executeSql: async (text, values) => ({
          rows: [...(await client.unsafe(text, (values ?? []).map(toPostgresJsParameter) as never[]))],
        }),
      };
    }
    return this.boss.send(queue.name, data, sendOptions);
  }

  /** Registers a handler; the payload is validated again on the way out (jobs outlive deploys). */
  async work<Q extends QueueDefinition>(
    queue: Q,
    handler: (payload: z.infer<Q['payload']>, job: PgBoss.Job<unknown>) => Promise<void>,
    options: { pollingIntervalSeconds?: number } = {},
  ): Promise<string> {
    await this.ensureQueue(queue);
    return this.boss.work<unknown>(
      queue.name,
      { batchSize: 1, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 },
      async (jobs) => {
        for (const job of jobs) await handler(queue.payload.parse(job.data) as z.infer<Q['payload']>, job);
      },
    );
  }

  async schedule(queue: QueueDefinition): Promise<void> {
    if (!queue.cron) return;
    await this.ensureQueue(queue);
    await this.boss.schedule(queue.name, queue.cron, {}, { tz: 'UTC' });
  }
}
