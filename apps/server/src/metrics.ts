import type { AppRouter } from '@fareway/api';
import type { Deps } from '@fareway/core';
import { constantTimeEqual } from '@fareway/gateways';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { sendError } from './envelope';
import { restOperationOf } from './rest';

/** Distinct tRPC batch labels kept; later new batches share one label (clients choose what they batch). */
const MAX_BATCH_LABELS = 200;

/**
 * A route label of bounded cardinality (a label set lives as long as the process): the route pattern,
 * the REST operation's path template, or the tRPC procedure; a path no route or procedure knows is
 * `unmatched`, never the path itself (any client could mint labels without end).
 */
function routeLabeller(router: AppRouter) {
  const procedures = router._def.procedures as Record<string, unknown>;
  const batches = new Set<string>();
  const trpcLabel = (path: string): string => {
    const names = path.split(',');
    if (!names.every((name) => Object.hasOwn(procedures, name))) return 'unmatched';
    const label = `/trpc/${path}`;
    if (names.length === 1 || batches.has(label)) return label;
    if (batches.size >= MAX_BATCH_LABELS) return '/trpc/(batch)';
    batches.add(label);
    return label;
  };
  return (request: FastifyRequest): string => {
    const pattern = request.routeOptions.url;
    if (pattern === '/api/v1/*') return restOperationOf(request) ?? 'unmatched';
    if (pattern === '/trpc/:path') return trpcLabel((request.params as { path?: string }).path ?? '');
    return pattern ?? 'unmatched';
  };
}

export function registerMetrics(app: FastifyInstance, deps: Deps, router: AppRouter): Registry {
  const registry = new Registry();
  const routeLabel = routeLabeller(router);
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

  app.addHook('onResponse', (request, reply, done) => {
    duration.observe(
      { method: request.method, route: routeLabel(request), status_code: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
    done();
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
