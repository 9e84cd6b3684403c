import { defineConfig } from 'vitest/config';

// Only for the one-off mutation run over the money and access use cases (stryker.money.config.mjs):
// the workspace's vitest.config.ts runs these same files as its `core` project. Its global setup
// (once per Stryker test-runner process) also puts pg-boss's schema in the template the files clone.
// The default list: the core test files written for the six folders' use cases (money, bookings, identity);
// FAREWAY_MUTATION_TESTS replaces it.
const moneyTests = [
  'payments',
  'payment-access',
  'payment-paths',
  'payment-seats',
  'refund-execution',
  'races',
  'bookings-core',
  'rentals-holds',
  'seats-reserve',
  'back-office',
  'identity',
  'admin-console',
  'admin-explain',
].map((name) => `test/${name}.test.ts`);

export default defineConfig({
  test: {
    include: process.env.FAREWAY_MUTATION_TESTS?.split(',') ?? moneyTests,
    environment: 'node',
    env: { TZ: 'UTC' },
    globalSetup: ['test/support/mutation-global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
