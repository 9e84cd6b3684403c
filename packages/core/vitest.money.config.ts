import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { defineConfig } from 'vitest/config';

// Only for the one-off mutation run over the money and access use cases (stryker.money.config.mjs):
// the workspace's vitest.config.ts runs these same files as its `core` project. The global setup is
// found through the @fareway/db package, so it resolves from Stryker's sandbox too.
const dbTesting = dirname(createRequire(import.meta.url).resolve('@fareway/db/testing'));

export default defineConfig({
  test: {
    include: (process.env.FAREWAY_MUTATION_TESTS ?? 'test/payments.test.ts,test/races.test.ts,test/bookings-core.test.ts').split(','),
    environment: 'node',
    env: { TZ: 'UTC' },
    globalSetup: [join(dbTesting, 'global-setup.ts')],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
