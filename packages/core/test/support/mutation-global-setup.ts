import { startTestCluster, withDatabase } from '@fareway/db/testing';
import { JobQueue, queues } from '@fareway/jobs';
import type { TestProject } from 'vitest/node';

/**
 * The global setup of the one-off mutation run (vitest.money.config.ts), once per Stryker
 * test-runner process: the same cluster and migrated template as the workspace's setup, plus
 * pg-boss's schema and queues installed in the template, so a test file's queue starts without
 * DDL in its clone. Stryker re-runs the covering test files for every mutant; this is what each
 * re-run of a file with a job queue would otherwise repeat.
 */
export default async function setup(project: TestProject) {
  const cluster = await startTestCluster();
  const jobs = new JobQueue({
    connectionString: withDatabase(cluster.adminUrl, cluster.templateDatabase),
    role: 'sender',
    poolMax: 1,
  });
  await jobs.start(Object.values(queues));
  // A template must have no open connection when it is cloned.
  await jobs.stop({ graceful: false, timeoutMs: 2_000 });
  project.provide('databaseAdminUrl', cluster.adminUrl);
  project.provide('templateDatabase', cluster.templateDatabase);
  return () => cluster.stop();
}
