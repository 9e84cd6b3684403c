import { type AppRouter, appRouter } from '@fareway/api';
import { type Deps, SessionCache } from '@fareway/core';
import { newId } from '@fareway/db';
import { errorCodeForHttpStatus } from '@fareway/domain';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import cors from '@fastify/cors';
import Fastify, { type FastifyBaseLogger, type FastifyError, type FastifyInstance } from 'fastify';
import { registerDocsPage } from './docs-page';
import { drainBeforeRefusing } from './drain-body';
import { sendError } from './envelope';
import { registerFiles } from './files';
import { registerHealth } from './health';
import { IDEMPOTENCY_REPLAYED, type IdempotencyOptions, registerIdempotency } from './idempotency';
import { registerMetrics } from './metrics';
import { buildApiDocument } from './openapi-document';
import { registerPaymentWebhooks, registerSandboxPages } from './payments';
import { registerRateLimit } from './rate-limit';
import { registerRest } from './rest';
import { registerSecurityHeaders } from './security-headers';
import { registerSettlementsCsv } from './settlements-csv';
import { registerStaticApps } from './static-apps';
import { registerTrpc } from './trpc';

const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export interface BuildServerOptions {
  /** The router to serve (tests mount extra procedures); the app's own by default. */
  router?: AppRouter;
  /** Serve the built SPAs (off in tests that do not need them). */
  serveApps?: boolean;
  rootDir?: string;
  /** Idempotency-Key timings (tests shorten the wait); the defaults otherwise. */
  idempotency?: Partial<IdempotencyOptions>;
}

/**
 * The HTTP host: `/trpc` for the SPAs, `/api/v1` REST for mobile, health,
 * readiness, metrics, API docs and the two built SPAs. Built without listening,
 * so tests drive it with `inject` or a real port alike.
 */
export async function buildServer(deps: Deps, options: BuildServerOptions = {}): Promise<FastifyInstance> {
  const { config } = deps;
  // The process's session cache (issue 16): given to deps itself, so revoking use cases called with
  // these deps anywhere in this process wait for their NOTIFY too. Closed with the server.
  const ownCache = !deps.sessions && config.auth.sessionCacheSeconds > 0;
  if (ownCache) deps.sessions = new SessionCache(deps.db, { ttlMs: config.auth.sessionCacheSeconds * 1000, log: deps.log });
  const app: FastifyInstance = Fastify({
    loggerInstance: deps.log.child({ component: 'http' }) as FastifyBaseLogger,
    bodyLimit: config.http.bodyLimitBytes,
    // tRPC batches travel as one path segment ("/trpc/a.b,c.d,..."); Fastify's default
    // 100-character limit on a route parameter would answer a dashboard's batch with 414.
    routerOptions: { maxParamLength: 5000 },
    // Honour a caller's X-Request-Id when it is a sane token, else mint one.
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && SAFE_REQUEST_ID.test(given) ? given : `req_${newId()}`;
    },
    // Errors raised before routing (a path with broken percent-encoding, an over-long parameter) answer in the envelope too.
    frameworkErrors: (error, request, reply) => {
      const message = error.code === 'FST_ERR_BAD_URL' ? 'Malformed URL: a path segment is not valid percent-encoding' : error.message;
      reply.header('X-Request-Id', request.id);
      return sendError(request, reply, 'VALIDATION_ERROR', message);
    },
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    trustProxy: config.env === 'production',
  }) as unknown as FastifyInstance;

  app.addHook('onRequest', (request, reply, done) => {
    reply.header('X-Request-Id', request.id);
    done();
  });
  if (ownCache) {
    app.addHook('onClose', async () => {
      await deps.sessions?.close();
      deps.sessions = undefined;
    });
  }

  const secure = config.http.publicUrl.startsWith('https://');
  registerSecurityHeaders(app, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(secure ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    hsts: secure,
    crossOriginEmbedderPolicy: false,
  });
  await app.register(cors, {
    // Same-origin SPAs need no CORS; other origins only when listed.
    origin: config.http.corsOrigins.length > 0 ? config.http.corsOrigins : false,
    credentials: true,
    exposedHeaders: [
      'X-Request-Id',
      'Retry-After',
      IDEMPOTENCY_REPLAYED,
      'RateLimit-Limit',
      'RateLimit-Remaining',
      'RateLimit-Reset',
      'RateLimit-Policy',
    ],
  });
  // Before compress: its onSend must see (and store) the uncompressed body.
  const idempotency = registerIdempotency(app, deps, secure, options.idempotency);
  await app.register(compress, { global: true, threshold: 1024 });
  await app.register(cookie);
  // After the cookie parser (a session cookie names the client), before idempotency's preHandler.
  registerRateLimit(app, deps);

  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    const status = error.statusCode ?? 500;
    if (status === 413) await drainBeforeRefusing(request, reply);
    if (status >= 500) {
      request.log.error({ err: error }, 'unexpected error');
      return sendError(request, reply, 'INTERNAL_ERROR', `Internal error; quote ${request.id} when reporting it`);
    }
    const code =
      error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError ? 'VALIDATION_ERROR' : errorCodeForHttpStatus(status);
    const message =
      code === 'PAYLOAD_TOO_LARGE'
        ? `Request body is larger than ${config.http.bodyLimitBytes} bytes`
        : code === 'UNSUPPORTED_MEDIA_TYPE'
          ? 'Unsupported content type; send application/json'
          : error.message;
    return sendError(request, reply, code, message, { status: code === 'NOT_FOUND' ? 404 : undefined });
  });

  registerHealth(app, deps);
  // Browsers ask for /favicon.ico on every page without an icon link (the sandbox page, JSON answers): no icon, no 404.
  app.get('/favicon.ico', async (_request, reply) => reply.code(204).send());
  const metrics = registerMetrics(app, deps, options.router ?? appRouter);
  for (const metric of idempotency.metrics) metrics.registerMetric(metric);

  await registerTrpc(app, deps, options.router ?? appRouter, secure);

  const openApiDocument = buildApiDocument({
    // Relative: "try it" in /api/docs and clients resolve it against the origin that served the document.
    baseUrl: '/api/v1',
    version: config.version,
    maxUploadBytes: config.storage.maxUploadBytes,
    router: options.router,
  });
  app.get('/api/v1/openapi.json', async () => openApiDocument);
  registerDocsPage(app);
  await registerRest(app, deps, options.router ?? appRouter, secure);
  await registerPaymentWebhooks(app, deps, metrics);
  await registerSandboxPages(app, deps, secure);
  await registerFiles(app, deps, secure);
  registerSettlementsCsv(app, deps, secure);

  const spa = options.serveApps === false ? null : await registerStaticApps(app, options.rootDir);
  app.setNotFoundHandler(async (request, reply) => {
    if (spa && (await spa.fallback(request, reply))) return reply;
    return sendError(request, reply, 'NOT_FOUND', `No route for ${request.method} ${request.url.split('?')[0]}`);
  });
  return app;
}
