import { withTransaction } from '@fareway/db';
import { WAKE_CHANNEL } from '@fareway/jobs';
import { sql } from 'drizzle-orm';
import { type RequestOrigin, recordAudit } from '../audit/record-audit';
import type { Deps } from '../deps';
import type { Actor } from '../identity/users';
import { queueOrNotFound } from './run-job';

/**
 * `POST /admin/jobs/{name}/retry`: puts every failed job of the queue back to
 * `retry` (pg-boss grants each one more attempt), in one statement under the
 * rows' locks, so two admins clicking at once retry each job once. Audited.
 */
export async function retryFailedJobs(
  deps: Pick<Deps, 'db' | 'clock' | 'jobs'>,
  actor: Actor,
  input: { name: string },
  origin: RequestOrigin,
): Promise<{ retried: number }> {
  const queue = queueOrNotFound(input.name);
  return withTransaction(deps.db, async (tx) => {
    // The same change as pg-boss's retry(): state back to retry, one more attempt allowed.
    const rows = await tx.execute<{ id: string }>(sql`
      update pgboss.job set state = 'retry', retry_limit = retry_limit + 1
      where name = ${queue.name} and state = 'failed'
      returning id`);
    const retried = [...rows].length;
    if (retried > 0) {
      await tx.execute(sql`select pg_notify(${WAKE_CHANNEL}, ${queue.name})`);
      await recordAudit(tx, deps.clock.now(), origin, {
        actorUserId: actor.userId,
        action: 'job.retried',
        subjectType: 'job_queue',
        subjectId: queue.name,
        after: { retried },
      });
    }
    return { retried };
  });
}
