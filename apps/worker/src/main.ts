import { openRuntime, runMain } from '@fareway/core';
import { startWorker } from './worker';

// A worker process on its own (production, or many beside the servers).
runMain('fareway-worker', async () => {
  const runtime = await openRuntime('worker');
  const worker = await startWorker(runtime.deps);
  return async () => {
    runtime.log.info('worker stopping');
    await worker.stop();
    await runtime.close();
  };
});
