import { openRuntime, runMain } from '@fareway/core';
import { startWorker } from './worker';

// A worker process on its own (production, or many beside the servers).
runMain('fareway-worker', async () => {
  const runtime = await openRuntime('worker');
  const worker = await startWorker(runtime.deps);
  return async (hurry) => {
    runtime.log.info({ fast: hurry.aborted }, 'worker stopping');
    await worker.stop();
    await runtime.close(hurry);
  };
});
