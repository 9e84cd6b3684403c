import { connectDatabase, type DatabaseHandle, type DatabaseOrTransaction, rawClient } from '@fareway/db';
import PgBoss from 'pg-boss';
import type { z } from 'zod';
import { guardJobCompletion } from './pg-boss-completion-guard';
import { deadLetterName, type QueueDefinition } from './queues';

guardJobCompletion();

/** The channel senders NOTIFY (payload: the queue name) so a sleeping worker fetches at once. */
export const WAKE_CHANNEL = 'fareway_jobs';

export interface JobQueueOptions {
  connectionString: string;
  /** pg-boss keeps its own small `pg` pool beside the app's postgres.js one. */
  poolMax?: number;
  /** Workers maintain and schedule; API processes only send. */
  role: 'worker' | 'sender';
  onError?: (error: Error) => void;
}

/** How one process works one queue; the queue's definition gives the defaults, config overrides them. */
export interface WorkOptions {
  concurrency?: number;
  batchSize?: number;
  pollingIntervalSeconds?: number;
}

export type Job<T> = PgBoss.Job<T>;

/** One fetch loop of this process (a pg-boss worker id); busy while its batch runs. */
interface Loop {
  id: string;
  batchSize: number;
  busy: boolean;
}

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
 * pg-boss's job insert (`INSERT ... RETURNING id`, the one statement `send` runs) with
 * the wake-up in it: `pg_notify` runs once per row returned, so nothing is sent when
 * ON CONFLICT inserted nothing.
 */
function notifyingInsert(db: PgBoss.Db, queueName: string): PgBoss.Db {
  return {
    executeSql: (text, values = []) =>
      db.executeSql(`with sent as (${text}) select id, pg_notify($${values.length + 1}, $${values.length + 2}) from sent`, [
        ...values,
        WAKE_CHANNEL,
        queueName,
      ]),
  };
}

function errorOutput(error: unknown): object {
  return error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : { message: String(error) };
}

/**
 * The typed face of pg-boss. `send(tx, queue, payload)` enqueues inside the caller's
 * transaction, so a job exists exactly when the change that asked for it commits,
 * and NOTIFYs the workers in the same transaction, so they hear of it at commit.
 */
export class JobQueue {
  readonly boss: PgBoss;
  private readonly created = new Set<string>();
  private readonly connectionString: string;
  /** This process's fetch loops per queue name. */
  private readonly loops = new Map<string, Loop[]>();
  private listener: DatabaseHandle | undefined;
  /** NOTIFYs heard since the last wake-up, per queue (each is one job sent). */
  private readonly pendingWakes = new Map<string, number>();
  private wakeScheduled = false;

  constructor(options: JobQueueOptions) {
    this.connectionString = options.connectionString;
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
    await this.serialized(async () => {
      await this.boss.start();
      for (const definition of definitions) if (!this.created.has(definition.name)) await this.createQueue(definition);
    });
  }

  /**
   * Runs pg-boss's schema and queue setup one process at a time: API and worker processes
   * starting together on a fresh database deadlocked in it (found on PostgreSQL 15 by the
   * cluster test; job-queue-start-together.test.ts). A session advisory lock on a connection
   * of its own serializes them; closing the connection releases it, whatever happened.
   */
  private async serialized(setup: () => Promise<void>): Promise<void> {
    const lock = connectDatabase(this.connectionString, { max: 1, applicationName: 'fareway-queue-setup' });
    try {
      await lock.sql`select pg_advisory_lock(hashtextextended('fareway:queue-setup', 0))`;
      await setup();
    } finally {
      await lock.close();
    }
  }

  /**
   * Waits up to `timeoutMs` for running jobs, then fails what still runs (pg-boss retries it
   * later). When `hurry` aborts, stops waiting at once: the jobs still running are left to
   * expire and be retried, which their handlers allow (they are idempotent).
   */
  async stop(options: { graceful?: boolean; timeoutMs?: number; hurry?: AbortSignal } = {}): Promise<void> {
    const listener = this.listener;
    this.listener = undefined;
    await listener?.close();
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
    await this.serialized(() => this.createQueue(definition));
  }

  private async createQueue(definition: QueueDefinition): Promise<void> {
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
   * Validates the payload and enqueues it. With `tx`, the insert and the wake-up
   * run on that transaction's connection (pg-boss's `db` option): a rollback takes
   * both with it, and the NOTIFY is delivered only when the job is visible. The
   * NOTIFY rides in pg-boss's own insert (a CTE around it), one statement per job,
   * and leaves only when a job was inserted.
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
    let db: PgBoss.Db = this.boss.getDb();
    if (tx) {
      const client = rawClient(tx);
      db = {
        executeSql: async (text, values) => ({
          rows: [...(await client.unsafe(text, (values ?? []).map(toPostgresJsParameter) as never[]))],
        }),
      };
    }
    // A delayed job is found by polling when it comes due; waking anyone now would find nothing.
    if (options.startAfterSeconds === undefined) db = notifyingInsert(db, queue.name);
    sendOptions.db = db;
    return this.boss.send(queue.name, data, sendOptions);
  }

  /**
   * Works a queue with `concurrency` fetch loops, each taking up to `batchSize`
   * jobs (FOR UPDATE SKIP LOCKED, so any number of processes share the work) and
   * running them at once. Each job completes or fails on its own: one bad job in
   * a batch does not retry its neighbours. The payload is validated again on the
   * way out (jobs outlive deploys).
   */
  async work<Q extends QueueDefinition>(
    queue: Q,
    handler: (payload: z.infer<Q['payload']>, job: PgBoss.Job<unknown>) => Promise<void>,
    options: WorkOptions = {},
  ): Promise<string[]> {
    return this.workBatches(
      queue,
      (payloads, jobs) => Promise.allSettled(payloads.map((payload, i) => handler(payload, jobs[i] as Job<unknown>))),
      options,
    );
  }

  /**
   * Works a queue as `work` does, handing each fetched batch to one call, so a handler
   * can share work across it (one read, one transaction). The handler answers one
   * settled result per job, in order: the rejected ones fail (and are retried) alone,
   * pg-boss completes the rest in one statement. A payload that no longer parses
   * fails its own job only.
   */
  async workBatches<Q extends QueueDefinition>(
    queue: Q,
    handler: (payloads: z.infer<Q['payload']>[], jobs: PgBoss.Job<unknown>[]) => Promise<PromiseSettledResult<unknown>[]>,
    options: WorkOptions = {},
  ): Promise<string[]> {
    await this.ensureQueue(queue);
    await this.listen();
    const concurrency = options.concurrency ?? queue.concurrency;
    const batchSize = options.batchSize ?? queue.batchSize;
    const pollingIntervalSeconds = options.pollingIntervalSeconds ?? queue.pollingIntervalSeconds;
    const loops: Loop[] = [];
    for (let i = 0; i < concurrency; i++) {
      const loop: Loop = { id: '', batchSize, busy: false };
      loop.id = await this.boss.work<unknown>(queue.name, { batchSize, pollingIntervalSeconds }, async (jobs) => {
        loop.busy = true;
        try {
          const parsed = jobs.map((job) => ({ job, payload: queue.payload.safeParse(job.data) }));
          const valid = parsed.flatMap(({ job, payload }) =>
            payload.success ? [{ job, payload: payload.data as z.infer<Q['payload']> }] : [],
          );
          const results =
            valid.length > 0
              ? await handler(
                  valid.map((v) => v.payload),
                  valid.map((v) => v.job),
                )
              : [];
          const failed = [
            ...parsed.flatMap(({ job, payload }) => (payload.success ? [] : [{ job, error: payload.error }])),
            ...results.flatMap((result, index) => (result.status === 'rejected' ? [{ job: valid[index]?.job, error: result.reason }] : [])),
          ];
          for (const { job, error } of failed) if (job) await this.boss.fail(queue.name, job.id, errorOutput(error));
        } finally {
          loop.busy = false;
        }
        // pg-boss completes what is still active (the rest); a full batch means more may wait: fetch again at once.
        if (jobs.length === batchSize) this.boss.notifyWorker(loop.id);
      });
      loops.push(loop);
    }
    this.loops.set(queue.name, [...(this.loops.get(queue.name) ?? []), ...loops]);
    return loops.map((loop) => loop.id);
  }

  /** Stops this process's loops of a queue (running jobs finish). */
  async offWork(name: string): Promise<void> {
    this.loops.delete(name);
    await this.boss.offWork(name);
  }

  /**
   * Wakes this process's loops of a queue now (a NOTIFY arrived, or a caller knows there is work):
   * as many as `jobs` new jobs fill, idle ones first (a busy loop woken fetches again when it is
   * done), so one job wakes one loop rather than every loop racing to an empty fetch. All of them
   * when the number is unknown.
   */
  wake(name: string, jobs = Number.POSITIVE_INFINITY): void {
    const loops = this.loops.get(name) ?? [];
    const wanted = Math.ceil(jobs / (loops[0]?.batchSize ?? 1));
    const order = [...loops.filter((loop) => !loop.busy), ...loops.filter((loop) => loop.busy)];
    for (const loop of order.slice(0, wanted)) this.boss.notifyWorker(loop.id);
  }

  /** One LISTEN connection per worker process; a burst of NOTIFYs is coalesced into one wake-up per queue (one NOTIFY, one job). */
  private async listen(): Promise<void> {
    if (this.listener) return;
    this.listener = connectDatabase(this.connectionString, { max: 1, applicationName: 'fareway-job-wakeups' });
    await this.listener.sql.listen(WAKE_CHANNEL, (name) => {
      this.pendingWakes.set(name, (this.pendingWakes.get(name) ?? 0) + 1);
      if (this.wakeScheduled) return;
      this.wakeScheduled = true;
      setImmediate(() => {
        this.wakeScheduled = false;
        for (const [queued, jobs] of this.pendingWakes) this.wake(queued, jobs);
        this.pendingWakes.clear();
      });
    });
  }

  /** Puts the cron schedule in place (UTC), or removes it when `cron` is null. */
  async schedule(queue: QueueDefinition, cron: string | null | undefined = queue.cron): Promise<void> {
    await this.ensureQueue(queue);
    if (cron) await this.boss.schedule(queue.name, cron, {}, { tz: 'UTC' });
    else await this.boss.unschedule(queue.name);
  }

  /** Removes schedules of queues that no longer exist (renamed ones), so nothing is sent where nobody works. */
  async unscheduleAllBut(names: string[]): Promise<string[]> {
    const stale = (await this.boss.getSchedules()).map((s) => s.name).filter((name) => !names.includes(name));
    for (const name of stale) await this.boss.unschedule(name);
    return stale;
  }
}
