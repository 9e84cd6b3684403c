import { DEMO_ADMIN, openRuntime, runMain, seedDemo } from '@fareway/core';
import { startWorker } from '@fareway/worker';
import { drain, listen } from './serve';

/**
 * `pnpm start`: one process with everything — the embedded Postgres when
 * DATABASE_URL is unset, migrations, demo data when asked, the API server and a
 * worker. Ctrl-C drains requests, stops the worker, then stops the database.
 */
runMain('fareway', async () => {
  const startedAt = performance.now();
  const runtime = await openRuntime('all');
  try {
    if (runtime.config.seedDemo) await seedDemo(runtime.deps);
    const worker = await startWorker(runtime.deps);
    const app = await listen(runtime);
    const base = runtime.config.http.publicUrl;
    const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
    const database = runtime.embedded
      ? `embedded PostgreSQL on 127.0.0.1:${runtime.embedded.port} (data in ${runtime.config.database.dataDir})`
      : 'the PostgreSQL at DATABASE_URL';
    process.stdout.write(
      [
        '',
        `  Fareway ${runtime.config.version} is ready in ${seconds}s, using ${database}.`,
        '',
        `  Customer app   ${base}/`,
        `  Admin console  ${base}/admin/`,
        `  API docs       ${base}/api/docs   (OpenAPI: ${base}/api/v1/openapi.json)`,
        `  Health         ${base}/healthz  ${base}/readyz  ${base}/metrics ${runtime.config.http.metricsToken ? '(Bearer METRICS_TOKEN)' : '(off: set METRICS_TOKEN)'}`,
        '',
        runtime.config.admin.email
          ? `  Admin sign-in: ${runtime.config.admin.email} with ADMIN_PASSWORD at ${base}/admin/`
          : runtime.config.seedDemo
            ? `  Demo admin sign-in: ${DEMO_ADMIN.email} / ${DEMO_ADMIN.password} at ${base}/admin/ (demo data only)`
            : '  No admin yet: set ADMIN_EMAIL and ADMIN_PASSWORD, or run `pnpm admin:create you@example.com`.',
        runtime.config.auth.testNumbers.size > 0
          ? `  Phone sign-in test numbers: ${[...runtime.config.auth.testNumbers].map(([p, c]) => `${p} (code ${c})`).join(', ')}`
          : runtime.config.sms.provider === 'console'
            ? '  Phone sign-in: codes are printed in this log (SMS_PROVIDER=console).'
            : '',
        '  Press Ctrl-C to stop everything, the database included.',
        '',
      ].join('\n'),
    );
    return async (hurry) => {
      runtime.log.info({ fast: hurry.aborted }, 'stopping: draining requests, then worker, then database');
      await drain(app, hurry, runtime.config.http.shutdownGraceMs);
      await worker.stop();
      await runtime.close(hurry);
    };
  } catch (error) {
    await runtime.close();
    throw error;
  }
});
