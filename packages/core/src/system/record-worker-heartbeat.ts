import { schema } from '@fareway/db';
import type { Deps } from '../deps';

export interface WorkerIdentity {
  workerId: string;
  hostname: string;
  startedAt: Date;
}

export async function recordWorkerHeartbeat(deps: Pick<Deps, 'db' | 'clock' | 'config'>, worker: WorkerIdentity): Promise<void> {
  const now = deps.clock.now();
  await deps.db
    .insert(schema.workerHeartbeats)
    .values({ ...worker, version: deps.config.version, lastSeenAt: now })
    .onConflictDoUpdate({ target: schema.workerHeartbeats.workerId, set: { lastSeenAt: now } });
}
