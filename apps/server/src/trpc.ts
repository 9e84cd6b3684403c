import { type AppRouter, createContextFactory, isUnexpected } from '@fareway/api';
import type { Deps } from '@fareway/core';
import { resolveResponse } from '@trpc/server/http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { LightRequest } from './light-request';
import { requestFacts } from './request-facts';
import { readWebResponse } from './web-response';

/**
 * `/trpc/*`: tRPC's own resolveResponse, as @trpc/server's Fastify adapter calls it, but fed a
 * LightRequest instead of a fetch Request built per call (issue 16), and its JSON answers sent as
 * bytes, so compression's size threshold applies as on REST (a stream would be gzipped however tiny)
 * and the Idempotency-Key hook stores exactly what is sent. Other answers (server-sent events) stay streams.
 */
export async function registerTrpc(app: FastifyInstance, deps: Deps, router: AppRouter, secureCookies: boolean): Promise<void> {
  const createContext = createContextFactory(deps);
  await app.register(async (trpc) => {
    // The adapter's parsers: JSON as text (tRPC parses it), multipart as the unread stream.
    trpc.removeContentTypeParser('application/json');
    trpc.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => done(null, body));
    trpc.addContentTypeParser('multipart/form-data', (_request, payload, done) => done(null, payload));

    trpc.all('/trpc/:path', async (request: FastifyRequest<{ Params: { path: string } }>, reply: FastifyReply) => {
      const response = await resolveResponse<AppRouter>({
        router,
        req: new LightRequest(request, `http://fareway.internal${request.url}`).asRequest(),
        path: request.params.path,
        error: null,
        createContext: async () => createContext(requestFacts(request, reply, secureCookies)),
        onError: ({ error, path }) => {
          if (isUnexpected(error)) request.log.error({ err: error.cause ?? error, path }, 'unexpected error in procedure');
        },
      });
      if ((response.headers.get('content-type') ?? '').startsWith('application/json'))
        return reply.send(await readWebResponse(reply, response));
      return reply.send(response);
    });
  });
}
