import { ERROR_CODES, type ErrorCode } from '@fareway/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';

export interface ErrorEnvelope {
  success: false;
  error: { code: ErrorCode; message: string; timestamp: string; requestId: string; details?: unknown };
}

export function errorEnvelope(requestId: string, code: ErrorCode, message: string, details?: unknown): ErrorEnvelope {
  return {
    success: false,
    error: {
      code,
      message,
      timestamp: new Date().toISOString(),
      requestId,
      ...(details === undefined ? {} : { details }),
    },
  };
}

/** Sends API.md's error envelope with the status of the one error table. */
export function sendError(
  request: FastifyRequest,
  reply: FastifyReply,
  code: ErrorCode,
  message: string,
  options: { details?: unknown; retryAfterSeconds?: number; status?: number } = {},
): FastifyReply {
  if (options.retryAfterSeconds !== undefined) reply.header('Retry-After', String(options.retryAfterSeconds));
  return reply
    .code(options.status ?? ERROR_CODES[code].status)
    .type('application/json; charset=utf-8')
    .send(errorEnvelope(request.id, code, message, options.details));
}
