import { createCaller, createContextFactory } from '@fareway/api';
import type { Deps } from '@fareway/core';
import { findAppError } from '@fareway/domain';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendError } from './envelope';
import { requestFacts } from './request-facts';

/**
 * Settlement statements as CSV (text/csv, one header row): trpc-to-openapi
 * answers JSON only, so these are plain routes beside `/api/v1/*` that call the
 * `admin.settlements.exportCsv` procedure through the server-side caller — the
 * same sessions, the same admin check, the same error envelope.
 */
export function registerSettlementsCsv(app: FastifyInstance, deps: Deps, secureCookies: boolean): void {
  const createContext = createContextFactory(deps);
  const send = async (request: FastifyRequest, reply: FastifyReply, input: { period: string } | { id: string }) => {
    try {
      const caller = createCaller(createContext(requestFacts(request, reply, secureCookies)));
      const { filename, csv } = await caller.admin.settlements.exportCsv(input);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${filename}"`)
        .header('cache-control', 'no-store')
        .send(csv);
    } catch (error) {
      const appError = findAppError(error);
      if (appError) return sendError(request, reply, appError.code, appError.message, { details: appError.details });
      // tRPC's own input errors (a bad period or id) carry no AppError.
      if ((error as { code?: string }).code === 'BAD_REQUEST')
        return sendError(request, reply, 'VALIDATION_ERROR', 'Expected period=YYYY-MM');
      request.log.error({ err: error }, 'unexpected error in settlements CSV');
      return sendError(request, reply, 'INTERNAL_ERROR', `Internal error; quote ${request.id} when reporting it`);
    }
  };
  app.get<{ Querystring: { period?: string } }>('/api/v1/admin/settlements.csv', (request, reply) =>
    send(request, reply, { period: request.query.period ?? '' }),
  );
  app.get<{ Params: { id: string } }>('/api/v1/admin/settlements/:id/csv', (request, reply) =>
    send(request, reply, { id: request.params.id }),
  );
}
