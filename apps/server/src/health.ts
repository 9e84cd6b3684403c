import { type Deps, getSystemStatus, type SystemStatus } from '@fareway/core';
import type { FastifyInstance } from 'fastify';
import { sendError } from './envelope';

const READY_TIMEOUT_MS = 2_000;

export function registerHealth(app: FastifyInstance, deps: Deps): void {
  // Liveness: the process answers. Never touches the database, so a database
  // outage does not get healthy processes restarted.
  app.get('/healthz', async () => ({ status: 'ok', version: deps.config.version }));

  // Readiness: the database answers and carries every migration this build ships.
  // postgres.js reconnects by itself, so this turns 200 again once the database is back.
  app.get('/readyz', async (request, reply) => {
    const timeout = new Promise<null>((done) => setTimeout(done, READY_TIMEOUT_MS, null).unref());
    const status = (await Promise.race([getSystemStatus(deps), timeout])) as SystemStatus | null;
    if (status?.database.ok && status.migrations.current) {
      // The database server's version stays out: this answers anyone (system.fullStatus tells admins).
      return reply.send({ status: 'ready', database: { ok: true, latencyMs: status.database.latencyMs }, migrations: status.migrations });
    }
    const reason = !status?.database.ok
      ? 'database unreachable'
      : `migrations not current (applied ${status.migrations.applied}, expected ${status.migrations.expected})`;
    return sendError(request, reply, 'SERVICE_UNAVAILABLE', `Not ready: ${reason}`);
  });
}
