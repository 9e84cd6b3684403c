import { createTestDatabase, type TestDatabase } from '@fareway/db/testing';
import { JobQueue, queues } from '@fareway/jobs';
import { inject } from 'vitest';
import { ManualClock } from '../clock';
import { type Config, loadConfig } from '../config/load-config';
import { createDeps, type Deps } from '../deps';
import { createLogger } from '../logger';

export interface TestDeps extends Deps {
  clock: ManualClock;
  database: TestDatabase;
  /** Stops the job queue and drops the database. */
  cleanup(): Promise<void>;
}

/**
 * Deps for one test file: a fresh database cloned from the migrated template, a
 * clock the test moves by hand, a silent logger, and (when asked) a started job queue.
 */
export async function createTestDeps(
  options: { env?: Record<string, string>; jobs?: 'none' | 'sender' | 'worker'; clock?: ManualClock } = {},
): Promise<TestDeps> {
  const database = await createTestDatabase(inject('databaseAdminUrl'), inject('templateDatabase'));
  const config: Config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', ...options.env });
  const log = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
  const jobsRole = options.jobs ?? 'none';
  const jobs = new JobQueue({ connectionString: database.url, role: jobsRole === 'worker' ? 'worker' : 'sender', poolMax: 2 });
  if (jobsRole !== 'none') await jobs.start(Object.values(queues));
  const deps = createDeps({ db: database.db, config, clock: options.clock ?? new ManualClock(), log, jobs });
  return {
    ...deps,
    clock: (options.clock ?? deps.clock) as ManualClock,
    database,
    async cleanup() {
      if (jobsRole !== 'none') await jobs.stop({ graceful: false, timeoutMs: 2_000 });
      await database.drop();
    },
  };
}
