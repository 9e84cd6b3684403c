import { type AppErrorData, type AppRouter, createContextFactory, isUnexpected } from '@fareway/api';
import type { Deps } from '@fareway/core';
import { errorCodeForHttpStatus, isErrorCode } from '@fareway/domain';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createOpenApiFetchHandler } from 'trpc-to-openapi';
import { errorEnvelope, sendError } from './envelope';

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

function toHeaders(request: FastifyRequest): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else headers.set(name, String(value));
  }
  return headers;
}

/**
 * `/api/v1/*`: the REST face of the tRPC router. trpc-to-openapi writes its reply
 * past Fastify's hooks, so we call its fetch handler and wrap the Response here,
 * in one place, into API.md's `{ success, data, meta }` / `{ success: false, error }`.
 */
export async function registerRest(app: FastifyInstance, deps: Deps, router: AppRouter): Promise<void> {
  const createContext = createContextFactory(deps);
  await app.register(async (api) => {
    // The raw bytes reach the handler untouched: trpc-to-openapi parses JSON itself
    // (and gateway webhooks will need the exact body to verify signatures).
    api.removeAllContentTypeParsers();
    api.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

    const handle = async (request: FastifyRequest, reply: FastifyReply) => {
      const hasBody = request.method !== 'GET' && request.method !== 'HEAD' && Buffer.isBuffer(request.body);
      const fetchRequest = new Request(`http://fareway.internal${request.url}`, {
        method: request.method,
        headers: toHeaders(request),
        body: hasBody ? new Uint8Array(request.body as Buffer) : undefined,
      });
      const response = await createOpenApiFetchHandler({
        endpoint: '/api/v1',
        router,
        req: fetchRequest,
        createContext: () =>
          createContext({
            requestId: request.id,
            ip: request.ip,
            setHeader: (name, value) => {
              reply.header(name, value);
            },
          }),
        onError: ({ error, path }) => {
          if (isUnexpected(error)) request.log.error({ err: error.cause ?? error, path }, 'unexpected error in procedure');
        },
      });
      const text = await response.text();
      let body: unknown = null;
      try {
        body = text ? JSON.parse(text) : null;
      } catch {
        body = null;
      }
      if (response.ok) {
        const envelope = isPaginated(body) ? { success: true, data: body.items, meta: body.meta } : { success: true, data: body ?? null };
        return reply
          .code(response.status === 204 ? 200 : response.status)
          .type('application/json; charset=utf-8')
          .send(envelope);
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
