// `pnpm db:seed`: loads the demo data (idempotent) into DATABASE_URL or the embedded database.
import { openRuntime, runMain, seedDemo } from '@fareway/core';

runMain('db:seed', async () => {
  const runtime = await openRuntime('script');
  const results = await seedDemo(runtime.deps);
  runtime.log.info({ results }, 'demo data seeded');
  await runtime.close();
  process.exit(0);
});
