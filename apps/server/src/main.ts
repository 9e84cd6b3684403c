import { openRuntime, runMain } from '@fareway/core';
import { drain, listen } from './serve';

// An API process on its own (production: many behind a load balancer, with workers beside them).
runMain('fareway-server', async () => {
  const runtime = await openRuntime('server');
  try {
    const app = await listen(runtime);
    return async (hurry) => {
      runtime.log.info({ fast: hurry.aborted }, 'server draining');
      await drain(app, hurry, runtime.config.http.shutdownGraceMs);
      await runtime.close(hurry);
    };
  } catch (error) {
    await runtime.close();
    throw error;
  }
});
