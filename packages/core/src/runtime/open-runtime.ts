import { hostname } from 'node:os';
import { connectDatabase, type DatabaseHandle, type EmbeddedPostgresHandle, migrate, startEmbeddedPostgres } from '@fareway/db';
import { JobQueue, queues } from '@fareway/jobs';
import { systemClock } from '../clock';
import { type Config, loadConfig } from '../config/load-config';
import { createDeps, type Deps } from '../deps';
import { ensureAdmin } from '../identity/ensure-admin';
import { createLogger, type Logger } from '../logger';

export type ProcessRole = 'server' | 'worker' | 'all' | 'script';

export interface Runtime {
  config: Config;
  log: Logger;
  deps: Deps;
  databaseUrl: string;
  /** Set when this process started the embedded Postgres (and so must stop it). */
  embedded: EmbeddedPostgresHandle | undefined;
  /** Releases everything in reverse order; `hurry` (a second signal) stops waiting for running jobs. */
  close(hurry?: AbortSignal): Promise<void>;
}

export const VERSION = process.env.FAREWAY_VERSION ?? '0.1.0';

/**
 * Everything a Fareway process stands on, in order: configuration, logger, the
 * database (embedded when DATABASE_URL is unset), migrations, the pool, the job
 * queue. `close()` undoes it in reverse, the embedded database last.
 */
export async function openRuntime(role: ProcessRole, options: { env?: Record<string, string | undefined> } = {}): Promise<Runtime> {
  process.env.TZ = 'UTC';
  const config = loadConfig(options.env ?? process.env, VERSION);
  const log = createLogger(config.log.level, { role, pid: process.pid, host: hostname() });
  const cleanups: Array<(hurry?: AbortSignal) => Promise<void>> = [];
  const close = async (hurry?: AbortSignal) => {
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup(hurry);
      } catch (error) {
        log.warn({ err: error }, 'error while shutting down');
      }
    }
    cleanups.length = 0;
  };
  try {
    let embedded: EmbeddedPostgresHandle | undefined;
    let databaseUrl = config.database.url;
    if (!databaseUrl) {
      embedded = await startEmbeddedPostgres({
        dataDir: config.database.dataDir,
        port: config.database.embeddedPort,
        log: (line) => log.info(line),
      });
      cleanups.push(async () => {
        await embedded?.stop();
        log.info('embedded PostgreSQL stopped');
      });
      databaseUrl = embedded.url;
    }
    const { applied } = await migrate(databaseUrl);
    if (applied > 0) log.info({ applied }, 'migrations applied');

    const handle: DatabaseHandle = connectDatabase(databaseUrl, {
      max: config.database.poolMax,
      applicationName: `fareway-${role}-${process.pid}`,
    });
    cleanups.push(() => handle.close());

    const jobs = new JobQueue({
      connectionString: databaseUrl,
      role: role === 'worker' || role === 'all' ? 'worker' : 'sender',
      onError: (error) => log.error({ err: error }, 'job queue error'),
    });
    if (role !== 'script') {
      await jobs.start(Object.values(queues));
      cleanups.push((hurry) => jobs.stop({ timeoutMs: config.http.shutdownGraceMs, hurry }));
    }
    const deps = createDeps({ db: handle.db, config, clock: systemClock, log, jobs });
    if ((role === 'server' || role === 'all') && config.admin.email && config.admin.password) {
      const { user, created } = await ensureAdmin(deps, { email: config.admin.email, password: config.admin.password });
      if (created) log.info({ userId: user.id, email: user.email }, 'bootstrap admin created');
    }
    return { config, log, deps, databaseUrl, embedded, close };
  } catch (error) {
    await close();
    throw error;
  }
}
