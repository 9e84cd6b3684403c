import { relative } from 'node:path';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

// Only for the one-off mutation run over the money and access use cases (stryker.money.config.mjs):
// the workspace's vitest.config.ts runs these same files as its `core` project. Its global setup
// (once per Stryker test-runner process) also puts pg-boss's schema in the template the files clone.
// The default list: the core test files written for the six folders' use cases (money, bookings, identity),
// cheapest per covering test first; FAREWAY_MUTATION_TESTS replaces it.
const moneyTests = [
  'payable-hold',
  'ledger-post-journal',
  'wallet-moves',
  'money-invariants',
  'ledger-console',
  'wallet-pay',
  'wallet-top-up',
  'payment-access',
  'payment-paths',
  'payment-batch',
  'payment-initiate',
  'payment-seats',
  'refund-sweep',
  'refund-outcomes',
  'bookings-core',
  'rentals-holds',
  'seats-reserve',
  'identity',
  'admin-console',
  'refund-execution',
  'back-office',
  'payments',
  'admin-explain',
  'races',
].map((name) => `test/${name}.test.ts`);

/**
 * Stryker stops a mutant at its first failing test (bail), so the files covering a mutant run
 * cheapest first, in the list's order: the default sequencer runs the slowest first, which made
 * every killed mutant pay for the races before the quick test that kills it.
 */
class CheapestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (spec: TestSpecification) => {
      const index = moneyTests.indexOf(relative(spec.project.config.root, spec.moduleId));
      return index === -1 ? moneyTests.length : index;
    };
    return [...files].sort((a, b) => rank(a) - rank(b));
  }
}

export default defineConfig({
  test: {
    include: process.env.FAREWAY_MUTATION_TESTS?.split(',') ?? moneyTests,
    environment: 'node',
    // A clone by file copy: the mutation run clones a database per test file per mutant.
    env: { TZ: 'UTC', FAREWAY_TEST_CLONE_STRATEGY: 'file_copy' },
    globalSetup: ['test/support/mutation-global-setup.ts'],
    setupFiles: ['test/support/mutation-forget-statements.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // One worker for all the files a mutant reruns (Stryker's runner uses one thread): the modules
    // they share (drizzle, pg-boss, the use cases) load once per mutant instead of once per file.
    // Each file still clones its own database, so no file sees another's rows.
    isolate: false,
    sequence: { sequencer: CheapestFirst },
  },
});
