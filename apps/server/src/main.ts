import { openRuntime, runMain } from '@fareway/core';
import { listen } from './serve';

// An API process on its own (production: many behind a load balancer, with workers beside them).
runMain('fareway-server', async () => {
  const runtime = await openRuntime('server');
  try {
    const app = await listen(runtime);
    return async () => {
      runtime.log.info('server draining');
      await app.close();
      await runtime.close();
    };
  } catch (error) {
    await runtime.close();
    throw error;
  }
});
