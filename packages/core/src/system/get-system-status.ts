import { migrationStatus, schema } from '@fareway/db';
import { desc } from 'drizzle-orm';
import type { Deps } from '../deps';

export interface SystemStatus {
  version: string;
  environment: string;
  time: string;
  database: { ok: boolean; latencyMs: number | null; serverVersion: string | null };
  migrations: { applied: string | null; expected: string | null; current: boolean };
  worker: { lastSeenAt: string | null; alive: boolean };
}

/** A worker that has not touched its heartbeat for this long is reported as down. */
export const WORKER_STALE_AFTER_MS = 90_000;

/**
 * What both SPAs show on their status card and `/readyz` decides on. It never
 * throws: a database that is down is a status, not an error.
 */
export async function getSystemStatus(deps: Pick<Deps, 'db' | 'clock' | 'config' | 'journal'>): Promise<SystemStatus> {
  const now = deps.clock.now();
  const status: SystemStatus = {
    version: deps.config.version,
    environment: deps.config.env,
    time: now.toISOString(),
    database: { ok: false, latencyMs: null, serverVersion: null },
    migrations: { applied: null, expected: deps.journal.entries.at(-1)?.tag ?? null, current: false },
    worker: { lastSeenAt: null, alive: false },
  };
  try {
    const started = performance.now();
    const [row] = await deps.db.$client<Array<{ version: string }>>`select current_setting('server_version') as version`;
    status.database = {
      ok: true,
      latencyMs: Math.round((performance.now() - started) * 100) / 100,
      serverVersion: row?.version ?? null,
    };
    status.migrations = await migrationStatus(deps.db, deps.journal);
    const [beat] = await deps.db
      .select({ lastSeenAt: schema.workerHeartbeats.lastSeenAt })
      .from(schema.workerHeartbeats)
      .orderBy(desc(schema.workerHeartbeats.lastSeenAt))
      .limit(1);
    if (beat) {
      status.worker = {
        lastSeenAt: beat.lastSeenAt.toISOString(),
        alive: now.getTime() - beat.lastSeenAt.getTime() < WORKER_STALE_AFTER_MS,
      };
    }
  } catch {
    // Down or unreachable: the fields above already say so.
  }
  return status;
}
