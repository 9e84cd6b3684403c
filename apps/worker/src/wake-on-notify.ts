import type { Deps } from '@fareway/core';
import { rawClient } from '@fareway/db';
import type { QueueDefinition } from '@fareway/jobs';

/**
 * Runs a queue the moment a transaction that queued its work commits (it ran
 * `pg_notify(channel)`), instead of at the next poll or cron tick: sends one
 * job, and the job queue's wake-up runs it. While that send is in
 * flight further notifications are folded into it (its run will see their
 * rows: they committed before it was created). A lost notification costs only
 * the cron interval, never the message: the work is rows in Postgres.
 */
export async function wakeOnNotify(
  deps: Pick<Deps, 'db' | 'jobs' | 'log'>,
  channel: string,
  queue: QueueDefinition,
): Promise<() => Promise<void>> {
  let sending = false;
  const { unlisten } = await rawClient(deps.db).listen(channel, () => {
    if (sending) return;
    sending = true;
    deps.jobs
      // The job queue's own wake-up (NOTIFY on send) starts this process's loops for it at once.
      .send(undefined, queue, {})
      .catch((error: unknown) => deps.log.warn({ err: error, queue: queue.name }, 'wake-up job not sent; the cron will run it'))
      .finally(() => {
        sending = false;
      });
  });
  return async () => {
    try {
      await unlisten();
    } catch (error) {
      deps.log.warn({ err: error, channel }, 'unlisten failed');
    }
  };
}
