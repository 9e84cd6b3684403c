import type { Deps } from '@fareway/core';
import { constantTimeEqual } from '@fareway/gateways';
import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { sendError } from './envelope';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** A route label with bounded cardinality: the route pattern, or the REST path with ids folded. */
function routeLabel(routePattern: string | undefined, url: string): string {
  const path = url.split('?')[0] ?? url;
  if (routePattern === '/api/v1/*' || routePattern?.startsWith('/trpc')) return path.replace(UUID, ':id').slice(0, 120);
  return routePattern ?? 'unmatched';
}

export function registerMetrics(app: FastifyInstance, deps: Deps): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'fareway_' });
  const duration = new Histogram({
    name: 'fareway_http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status_code'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  new Gauge({
    name: 'fareway_db_pool_max_connections',
    help: 'Connections this process may open to Postgres',
    registers: [registry],
    collect() {
      this.set(deps.config.database.poolMax);
    },
  });
  new Gauge({
    name: 'fareway_db_connections',
    help: "This process's open Postgres connections by state (from pg_stat_activity, matched by the pool's application_name)",
    labelNames: ['state'],
    registers: [registry],
    async collect() {
      this.reset();
      try {
        const rows = await deps.db.$client<Array<{ state: string | null; n: number }>>`
          select coalesce(state, 'unknown') as state, count(*)::int as n from pg_stat_activity
          where datname = current_database() and application_name = current_setting('application_name')
          group by 1`;
        for (const row of rows) this.set({ state: row.state ?? 'unknown' }, row.n);
      } catch {
        // The database being down is reported by /readyz, not by failing the scrape.
      }
    },
  });

  app.addHook('onResponse', async (request, reply) => {
    duration.observe(
      { method: request.method, route: routeLabel(request.routeOptions.url, request.url), status_code: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });
  app.get('/metrics', async (request, reply) => {
    // Security: metrics show routes, pool sizes and process internals; only the scraper holding METRICS_TOKEN reads them.
    const token = deps.config.http.metricsToken;
    if (!token)
      return sendError(request, reply, 'FORBIDDEN', 'Metrics are off: set METRICS_TOKEN and scrape with Authorization: Bearer <token>');
    const given = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1] ?? '';
    if (!constantTimeEqual(given, token)) {
      reply.header('WWW-Authenticate', 'Bearer realm="metrics"');
      return sendError(request, reply, 'TOKEN_INVALID', 'Send the metrics token as Authorization: Bearer <METRICS_TOKEN>');
    }
    reply.type(registry.contentType);
    return registry.metrics();
  });
  return registry;
}
