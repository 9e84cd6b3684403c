import { createTestDatabase, type TestDatabase } from '@fareway/db/testing';
import type { Gateways } from '@fareway/gateways';
import { JobQueue, queues } from '@fareway/jobs';
import { inject } from 'vitest';
import { ManualClock } from '../clock';
import { type Config, loadConfig } from '../config/load-config';
import { createDeps, type Deps } from '../deps';
import { checkMoneyInvariants } from '../ledger/check-money-invariants';
import { createLogger } from '../logger';

export interface TestDeps extends Deps {
  clock: ManualClock;
  database: TestDatabase;
  /** Checks the money invariants (ledger sums to zero, no refund above its capture), stops the job queue, drops the database. */
  cleanup(): Promise<void>;
}

/**
 * Deps for one test file: a fresh database cloned from the migrated template, a
 * clock the test moves by hand, a silent logger, and (when asked) a started job queue.
 */
export async function createTestDeps(
  options: {
    env?: Record<string, string>;
    jobs?: 'none' | 'sender' | 'worker';
    clock?: ManualClock;
    /** Adapters pointed at fakes (`@fareway/gateways/testing`); default: built from the config (sandbox only). */
    gateways?: Gateways;
  } = {},
): Promise<TestDeps> {
  const database = await createTestDatabase(inject('databaseAdminUrl'), inject('templateDatabase'));
  const config: Config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', ...options.env });
  const log = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
  const jobsRole = options.jobs ?? 'none';
  const jobs = new JobQueue({ connectionString: database.url, role: jobsRole === 'worker' ? 'worker' : 'sender', poolMax: 2 });
  if (jobsRole !== 'none') await jobs.start(Object.values(queues));
  const deps = createDeps({ db: database.db, config, clock: options.clock ?? new ManualClock(), log, jobs, gateways: options.gateways });
  return {
    ...deps,
    clock: (options.clock ?? deps.clock) as ManualClock,
    database,
    async cleanup() {
      // Every integration test file ends with the money invariants read back from its database.
      let violations: string[] = [];
      try {
        violations = await checkMoneyInvariants(database.db);
      } finally {
        if (jobsRole !== 'none') await jobs.stop({ graceful: false, timeoutMs: 2_000 });
        await database.drop();
      }
      if (violations.length > 0) throw new Error(`money invariants violated:\n  ${violations.join('\n  ')}`);
    },
  };
}
