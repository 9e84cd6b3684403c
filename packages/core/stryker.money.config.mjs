// One-off mutation run (issue 17) over the use cases that move money or decide access:
//   cd packages/core && npx stryker run stryker.money.config.mjs
// The tests need Postgres (the embedded one the global setup starts once per Stryker test-runner
// process; each test file clones the migrated template), so it is slow and not part of `pnpm test`.
// Incremental: the results accumulate in reports/mutation/money-incremental.json, so it can be run
// folder by folder (FAREWAY_MUTATION_FILES, comma-separated globs) and the last run's report
// (reports/mutation/money.json, and the clear-text table) covers every folder run so far.
// FAREWAY_MUTATION_TESTS narrows the test files (vitest.money.config.ts); keep the default for a score.
// The test-runner processes inherit this: the patched vitest (patches/vitest@4.1.12.patch) keeps its
// worker thread and loaded modules from one mutant to the next instead of starting a thread per mutant.
process.env.VITEST_KEEP_SHARED_RUNNER ??= '1';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.money.config.ts', related: false },
  plugins: ['@stryker-mutator/vitest-runner', './stryker-ignore-logging.mjs'],
  // Log statements (deps.log.warn(...)): their mutants change only the log text; reported as ignored.
  ignorers: ['logging'],
  mutate: (
    process.env.FAREWAY_MUTATION_FILES ??
    'src/payments/**/*.ts,src/refunds/**/*.ts,src/wallet/**/*.ts,src/ledger/**/*.ts,src/bookings/**/*.ts,src/identity/**/*.ts'
  )
    .split(',')
    .concat(['!src/**/index.ts']),
  coverageAnalysis: 'perTest',
  // Mutants reached only from a test file's beforeAll/afterAll (fixtures, the money-invariant check
  // at cleanup) would each need every test file reloaded: reported as ignored, not counted as killed.
  ignoreStatic: true,
  incremental: true,
  incrementalFile: 'reports/mutation/money-incremental.json',
  // 2 cores shared with other work: pass --concurrency 2 on a quiet machine.
  concurrency: 1,
  timeoutMS: 30_000,
  // The dry run is every listed test file once, one at a time, with per-test coverage.
  dryRunTimeoutMinutes: 20,
  // event-recorder: each mutant's result as a file in reports/mutation/events as soon as it is known.
  reporters: ['clear-text', 'progress', 'json', 'event-recorder'],
  eventReporter: { baseDir: 'reports/mutation/events' },
  jsonReporter: { fileName: 'reports/mutation/money.json' },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
