import { type AppErrorData, type AppRouter, createContextFactory, isUnexpected } from '@fareway/api';
import type { Deps } from '@fareway/core';
import { errorCodeForHttpStatus, isErrorCode } from '@fareway/domain';
import type { TRPCError } from '@trpc/server';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createOpenApiNodeHttpHandler } from 'trpc-to-openapi';
import { errorEnvelope, sendError } from './envelope';
import { LightRequest } from './light-request';
import { requestFacts } from './request-facts';

interface PaginatedBody {
  items: unknown[];
  meta: { page: number; limit: number; total: number };
}

function isPaginated(body: unknown): body is PaginatedBody {
  const candidate = body as Partial<PaginatedBody> | null;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    Array.isArray(candidate.items) &&
    typeof candidate.meta === 'object' &&
    candidate.meta !== null &&
    Object.keys(candidate).length === 2
  );
}

interface Carrier {
  request: FastifyRequest;
  reply: FastifyReply;
  /** What the procedure returned, as the handler hands it to `responseMeta` (no JSON round trip to read it back). */
  data?: { value: unknown };
}

interface CapturedResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const operations = new WeakMap<FastifyRequest, string>();

/** The path template (`/api/v1/bookings/{id}`) of the operation that answered a REST request: a metric label of bounded cardinality. */
export function restOperationOf(request: FastifyRequest): string | undefined {
  return operations.get(request);
}

type Procedure = (opts: {
  path: string;
  ctx: unknown;
  getRawInput: () => Promise<unknown>;
  type: string;
  signal: AbortSignal | undefined;
  batchIndex: number;
}) => Promise<unknown>;

/**
 * `router.createCaller` as trpc-to-openapi uses it — `createCaller(ctx)[namespace][name](input)`, once per
 * request — calling the procedure as tRPC's own caller does, without its recursive proxy (a new proxy, path
 * array and async lookup per property read; issue 16). One handler, built once: a request costs one small
 * proxy per path segment. Errors are thrown as the procedure throws them, as tRPC's caller does.
 */
function directCaller(router: AppRouter): (ctx: unknown) => unknown {
  const procedures = router._def.procedures as unknown as Record<string, Procedure & { _def: { type: string } }>;
  const handler: ProxyHandler<{ ctx: unknown; path: string }> = {
    get(target, key) {
      if (typeof key !== 'string') return undefined;
      const path = target.path ? `${target.path}.${key}` : key;
      const procedure = Object.hasOwn(procedures, path) ? procedures[path] : undefined;
      if (!procedure) return new Proxy({ ctx: target.ctx, path }, handler);
      return (input: unknown) =>
        procedure({ path, ctx: target.ctx, getRawInput: async () => input, type: procedure._def.type, signal: undefined, batchIndex: 0 });
    },
  };
  return (ctx) => new Proxy({ ctx, path: '' }, handler);
}

/** tRPC path → its REST path template, for every procedure with OpenAPI meta. */
function operationTemplates(router: AppRouter): Map<string, string> {
  const procedures = router._def.procedures as unknown as Record<string, { _def: { meta?: { openapi?: { path?: string } } } }>;
  const templates = new Map<string, string>();
  for (const [path, procedure] of Object.entries(procedures)) {
    const template = procedure._def.meta?.openapi?.path;
    if (template) templates.set(path, `/api/v1${template}`);
  }
  return templates;
}

/**
 * `/api/v1/*`: the REST face of the tRPC router. trpc-to-openapi writes its reply
 * past Fastify's hooks, so its handler writes into a captured response and the
 * result is wrapped here, in one place, into API.md's `{ success, data, meta }` /
 * `{ success: false, error }`. The handler is built once: its fetch adapter would
 * rebuild it (and regenerate the OpenAPI document) on every request.
 */
export async function registerRest(app: FastifyInstance, deps: Deps, router: AppRouter, secureCookies: boolean): Promise<void> {
  const createContext = createContextFactory(deps);
  const carriers = new WeakMap<object, Carrier>();
  const templates = operationTemplates(router);
  const handler = createOpenApiNodeHttpHandler({
    // The router as is (trpc-to-openapi copies its own properties), with a caller that costs less per request.
    router: Object.assign(Object.create(Object.getPrototypeOf(router)), router, { createCaller: directCaller(router) }),
    createContext: ({ req }: { req: object }) => {
      const carrier = carriers.get(req);
      if (!carrier) throw new Error('REST request without its carrier');
      const ctx = createContext(requestFacts(carrier.request, carrier.reply, secureCookies));
      carriers.set(ctx, carrier);
      return ctx;
    },
    responseMeta: ({ ctx, data, errors, paths }: { ctx?: object; data: unknown[]; errors: unknown[]; paths?: string[] }) => {
      const carrier = ctx ? carriers.get(ctx) : undefined;
      const template = paths?.[0] === undefined ? undefined : templates.get(paths[0]);
      if (carrier && template) operations.set(carrier.request, template);
      if (carrier && errors.length === 0) carrier.data = { value: data[0] };
      return {};
    },
    onError: ({ error, path, req }: { error: TRPCError; path: string | undefined; req: object }) => {
      if (isUnexpected(error)) carriers.get(req)?.request.log.error({ err: error.cause ?? error, path }, 'unexpected error in procedure');
    },
  } as unknown as Parameters<typeof createOpenApiNodeHttpHandler>[0]) as unknown as (req: object, res: object) => Promise<void>;

  await app.register(async (api) => {
    // The raw bytes reach the handler untouched (gateway webhooks will need the
    // exact body to verify signatures); JSON is parsed below, once.
    api.removeAllContentTypeParsers();
    api.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

    const handle = async (request: FastifyRequest, reply: FastifyReply) => {
      const req = new LightRequest(request, `http://fareway.internal${request.url.slice('/api/v1'.length) || '/'}`);
      const carrier: Carrier = { request, reply };
      carriers.set(req, carrier);
      const response = await new Promise<CapturedResponse>((done, fail) => {
        const captured: CapturedResponse = { status: 200, headers: {}, body: '' };
        // Anything thrown outside the handler's own try (before it reaches a procedure) is Fastify's 500, not a hang.
        handler(req, {
          setHeader: (name: string, value: string | string[]) => {
            captured.headers[name] = Array.isArray(value) ? value.join(', ') : value;
          },
          get statusCode() {
            return captured.status;
          },
          set statusCode(code: number) {
            captured.status = code;
          },
          end: (body?: string) => {
            captured.body = body ?? '';
            done(captured);
          },
        }).catch(fail);
      });
      let body: unknown = null;
      if (response.status < 400 && carrier.data) body = carrier.data.value;
      else {
        try {
          body = response.body ? JSON.parse(response.body) : null;
        } catch {
          body = null;
        }
      }
      if (response.status < 400) {
        reply.code(response.status === 204 ? 200 : response.status).type('application/json; charset=utf-8');
        if (isPaginated(body)) return reply.send({ success: true, data: body.items, meta: body.meta });
        // The handler already serialised the data (exactly as JSON.stringify would here): wrap its text, not serialise it twice.
        return reply.send(`{"success":true,"data":${response.body || 'null'}}`);
      }
      const shape = body as { message?: string; data?: Partial<AppErrorData> } | null;
      const appCode = isErrorCode(shape?.data?.appCode) ? shape.data.appCode : errorCodeForHttpStatus(response.status);
      const status = shape?.data?.httpStatus ?? response.status;
      if (shape?.data?.retryAfterSeconds !== undefined) reply.header('Retry-After', String(shape.data.retryAfterSeconds));
      return reply
        .code(status)
        .type('application/json; charset=utf-8')
        .send(errorEnvelope(request.id, appCode, shape?.message ?? 'Request failed', shape?.data?.details));
    };

    api.all('/api/v1/*', handle);
    api.all('/api/v1', (request, reply) => sendError(request, reply, 'NOT_FOUND', 'No such endpoint; see /api/v1/openapi.json'));
  });
}
