import { withTransaction } from '@fareway/db';
import { AppError } from '@fareway/domain';
import { type QueueDefinition, queueNamed } from '@fareway/jobs';
import { type RequestOrigin, recordAudit } from '../audit/record-audit';
import type { Deps } from '../deps';

/** Who asked: an admin (by session), or an outside cron holding JOB_SECRET_KEY. */
export type JobRunner = { userId: string } | { cron: true };

export function queueOrNotFound(name: string): QueueDefinition {
  const queue = queueNamed(name);
  if (!queue) throw new AppError('JOB_NOT_FOUND', `No job named ${name}`, { details: { name } });
  return queue;
}

/**
 * `POST /admin/jobs/{name}`: enqueues one run now, the payload checked by the
 * queue's own schema (a settlement period, say), audited in the same
 * transaction. The handler is idempotent, so a run beside the scheduled one is harmless.
 */
export async function runJob(
  deps: Pick<Deps, 'db' | 'clock' | 'jobs'>,
  runner: JobRunner,
  input: { name: string; payload?: unknown },
  origin: RequestOrigin,
): Promise<{ jobId: string }> {
  const queue = queueOrNotFound(input.name);
  const parsed = queue.payload.safeParse(input.payload ?? {});
  if (!parsed.success) {
    throw new AppError('VALIDATION_ERROR', `The payload does not fit ${queue.name}`, {
      details: parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
    });
  }
  return withTransaction(deps.db, async (tx) => {
    const jobId = await deps.jobs.send(tx, queue, parsed.data as never);
    if (!jobId) throw new Error(`pg-boss refused a job for ${queue.name}`);
    await recordAudit(tx, deps.clock.now(), origin, {
      actorUserId: 'userId' in runner ? runner.userId : null,
      action: 'job.run',
      subjectType: 'job',
      subjectId: jobId,
      after: { name: queue.name, payload: parsed.data, by: 'userId' in runner ? 'admin' : 'cron' },
    });
    return { jobId };
  });
}
