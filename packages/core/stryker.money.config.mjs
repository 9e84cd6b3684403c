// One-off mutation run (issue 17) over the use cases that move money or decide access:
//   cd packages/core && npx stryker run stryker.money.config.mjs
// The tests need Postgres (the embedded one the global setup starts), so every mutant costs a
// database round trip: FAREWAY_MUTATION_FILES narrows the mutated files (comma-separated globs)
// and FAREWAY_MUTATION_TESTS the test files. Not part of `pnpm test`.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.money.config.ts', related: false },
  plugins: ['@stryker-mutator/vitest-runner'],
  mutate: (
    process.env.FAREWAY_MUTATION_FILES ??
    'src/payments/**/*.ts,src/refunds/**/*.ts,src/wallet/**/*.ts,src/ledger/**/*.ts,src/bookings/**/*.ts,src/identity/**/*.ts'
  )
    .split(',')
    .concat(['!src/**/index.ts']),
  coverageAnalysis: 'perTest',
  ignoreStatic: true,
  concurrency: 2,
  timeoutMS: 30_000,
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: 'reports/mutation/money.json' },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
