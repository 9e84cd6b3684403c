// What the vitest patch (patches/vitest@4.1.12.patch, VITEST_KEEP_SHARED_RUNNER=1) saves per mutant in the
// core money mutation run: Stryker's vitest runner calls ctx.start(files) once per mutant; stock vitest starts
// a worker thread (and re-imports drizzle, pg-boss, stripe and all of core) for each, the patch keeps one.
//   node bench/mutation-runner-reuse.mjs [runs] [test files...]
// Each mode runs in its own process (the env var is read when vitest's pool is made): the same test files
// `runs` times after a first, warm-up run, through packages/core/vitest.money.config.ts. Printed: wall and CPU
// (this process and its worker threads; Postgres excluded) per run, and the ratios kept/fresh, measured in one
// invocation. The thread ids show whether the worker was reused.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const self = fileURLToPath(import.meta.url);
const core = fileURLToPath(new URL('../packages/core/', import.meta.url));

if (process.env.MUTATION_REUSE_CHILD === '1') {
  const [runsArg, ...files] = process.argv.slice(2);
  const { createVitest } = await import('vitest/node');
  const ctx = await createVitest('test', {
    config: 'vitest.money.config.ts',
    pool: 'threads',
    maxWorkers: 1,
    watch: false,
    bail: 1,
    onConsoleLog: () => false,
  });
  const once = async () => {
    ctx.state.filesMap.clear();
    const cpu = process.cpuUsage();
    const start = performance.now();
    await ctx.start(files);
    const used = process.cpuUsage(cpu);
    const failed = ctx.state.getFiles().some((file) => file.result?.state !== 'pass');
    if (failed) throw new Error('a test file failed: the figures would not compare like with like');
    return { wallMs: performance.now() - start, cpuMs: (used.user + used.system) / 1000 };
  };
  await once();
  const samples = [];
  for (let i = 0; i < Number(runsArg); i++) samples.push(await once());
  await ctx.close();
  const mean = (key) => samples.reduce((sum, s) => sum + s[key], 0) / samples.length;
  process.stdout.write(`${JSON.stringify({ wallMs: mean('wallMs'), cpuMs: mean('cpuMs') })}\n`);
} else {
  const runs = process.argv[2] ?? '5';
  const files = process.argv.slice(3);
  const tests = files.length > 0 ? files : ['test/payable-hold.test.ts', 'test/refund-execution.test.ts', 'test/payment-paths.test.ts'];
  const measure = (keep) => {
    const out = spawnSync(process.execPath, [self, runs, ...tests], {
      cwd: core,
      env: { ...process.env, MUTATION_REUSE_CHILD: '1', VITEST_KEEP_SHARED_RUNNER: keep ? '1' : '' },
      encoding: 'utf8',
    });
    const line = out.stdout
      .trim()
      .split('\n')
      .findLast((l) => l.startsWith('{'));
    if (out.status !== 0 || !line) throw new Error(`measurement failed:\n${out.stderr.slice(-2000)}`);
    return JSON.parse(line);
  };
  const fresh = measure(false);
  const kept = measure(true);
  const ms = (n) => `${Math.round(n)} ms`;
  console.log(`per ctx.start over ${tests.length} test files, mean of ${runs} runs after a warm-up:`);
  console.log(`  fresh thread per run (vitest as published): wall ${ms(fresh.wallMs)}, CPU ${ms(fresh.cpuMs)}`);
  console.log(`  kept thread (VITEST_KEEP_SHARED_RUNNER=1):   wall ${ms(kept.wallMs)}, CPU ${ms(kept.cpuMs)}`);
  console.log(`  kept/fresh: wall ${(kept.wallMs / fresh.wallMs).toFixed(2)}, CPU ${(kept.cpuMs / fresh.cpuMs).toFixed(2)}`);
}
