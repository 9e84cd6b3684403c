import type { TestProject } from 'vitest/node';
import './provided-context';
import { startTestCluster, type TestCluster } from './test-cluster';

// Every vitest project runs its globalSetup in the one main process: share one cluster.
const shared = globalThis as unknown as { __farewayCluster?: { cluster: Promise<TestCluster>; users: number } };

export default async function setup(project: TestProject) {
  if (!shared.__farewayCluster) shared.__farewayCluster = { cluster: startTestCluster(), users: 0 };
  const entry = shared.__farewayCluster;
  entry.users += 1;
  const cluster = await entry.cluster;
  project.provide('databaseAdminUrl', cluster.adminUrl);
  project.provide('templateDatabase', cluster.templateDatabase);
  return async () => {
    entry.users -= 1;
    if (entry.users === 0) {
      shared.__farewayCluster = undefined;
      await cluster.stop();
    }
  };
}
