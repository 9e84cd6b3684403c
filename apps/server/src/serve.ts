import type { Runtime } from '@fareway/core';
import { StartupError } from '@fareway/core';
import type { FastifyInstance } from 'fastify';
import { buildServer } from './app';

/** Listens on the configured port; a busy port is one clear sentence, not a stack. */
export async function listen(runtime: Runtime): Promise<FastifyInstance> {
  const app = await buildServer(runtime.deps);
  const { port, host } = runtime.config.http;
  try {
    await app.listen({ port, host });
  } catch (error) {
    await app.close().catch(() => {});
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE')
      throw new StartupError(`port ${port} on ${host} is already in use by another program; stop it or set PORT to a free port.`);
    if (code === 'EACCES') throw new StartupError(`not allowed to listen on port ${port} on ${host}; choose a port above 1024 with PORT.`);
    throw error;
  }
  return app;
}

/**
 * Stops listening and waits for the requests in flight (new ones on kept-alive
 * connections get 503, so a balancer retries them elsewhere). After `graceMs`, or
 * at once when `hurry` aborts (a second signal), open connections are cut.
 */
export async function drain(app: FastifyInstance, hurry: AbortSignal, graceMs: number): Promise<void> {
  const cut = () => app.server.closeAllConnections();
  const timer = setTimeout(cut, graceMs);
  timer.unref();
  hurry.addEventListener('abort', cut, { once: true });
  if (hurry.aborted) cut();
  try {
    await app.close();
  } finally {
    clearTimeout(timer);
    hurry.removeEventListener('abort', cut);
  }
}
