import { defineConfig } from 'vitest/config';

// One workspace, a project per package. Integration projects share one Postgres
// (embedded, or DATABASE_URL) started by the global setup; each test file clones
// a migrated template database, so files run in parallel without seeing each other.
const databaseSetup = './packages/db/src/testing/global-setup.ts';

const unit = (name: string, dir: string) => ({
  test: { name, include: [`${dir}/src/**/*.test.{ts,tsx}`], environment: 'node' as const },
});

const integration = (name: string, dir: string) => ({
  test: {
    name,
    include: [`${dir}/{src,test}/**/*.test.{ts,tsx}`],
    environment: 'node' as const,
    globalSetup: [databaseSetup],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});

export default defineConfig({
  test: {
    env: { TZ: 'UTC' },
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
    projects: [
      unit('domain', 'packages/domain'),
      unit('ui', 'packages/ui'),
      unit('web', 'apps/web'),
      unit('admin', 'apps/admin'),
      integration('api-client', 'packages/api-client'),
      unit('gateways', 'packages/gateways'),
      integration('db', 'packages/db'),
      integration('jobs', 'packages/jobs'),
      integration('core', 'packages/core'),
      integration('api', 'packages/api'),
      integration('server', 'apps/server'),
      integration('worker', 'apps/worker'),
    ],
  },
});
