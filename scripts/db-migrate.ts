// `pnpm db:migrate`: applies drizzle/ to DATABASE_URL (or the embedded database), then exits.
import { openRuntime, runMain } from '@fareway/core';

runMain('db:migrate', async () => {
  const runtime = await openRuntime('script');
  runtime.log.info({ database: runtime.embedded ? 'embedded' : 'DATABASE_URL' }, 'migrations are current');
  await runtime.close();
  process.exit(0);
});
