import { AppError, ERROR_CODES, type ErrorCode, errorCodeForHttpStatus, findAppError } from '@fareway/domain';
import { TRPCError } from '@trpc/server';
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';
import { ZodError } from 'zod';

export interface AppErrorData {
  appCode: ErrorCode;
  httpStatus: number;
  requestId: string | null;
  details?: unknown;
  retryAfterSeconds?: number;
}

const TRPC_STATUS: Partial<Record<TRPC_ERROR_CODE_KEY, number>> = {
  PARSE_ERROR: 400,
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_SUPPORTED: 405,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  TOO_MANY_REQUESTS: 429,
};

function zodDetails(error: ZodError): Array<{ path: string; message: string }> {
  return error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
}

/**
 * Decides what a client learns of an error, for tRPC and REST alike. An AppError
 * speaks for itself; input validation becomes VALIDATION_ERROR with its paths;
 * anything else is INTERNAL_ERROR with a message that reveals nothing.
 */
export function describeError(error: TRPCError, requestId: string | null): { message: string; data: AppErrorData } {
  const appError = findAppError(error);
  if (appError) {
    return {
      message: appError.message,
      data: {
        appCode: appError.code,
        httpStatus: appError.httpStatus,
        requestId,
        ...(appError.details === undefined ? {} : { details: appError.details }),
        ...(appError.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: appError.retryAfterSeconds }),
      },
    };
  }
  if (error.cause instanceof ZodError && error.code === 'BAD_REQUEST') {
    return {
      message: 'Input validation failed',
      data: { appCode: 'VALIDATION_ERROR', httpStatus: 400, requestId, details: zodDetails(error.cause) },
    };
  }
  const status = TRPC_STATUS[error.code];
  if (status !== undefined) {
    const appCode = errorCodeForHttpStatus(status);
    // tRPC's own messages for these (parse errors, unknown procedures) are safe to show.
    return { message: error.message, data: { appCode, httpStatus: ERROR_CODES[appCode].status, requestId } };
  }
  // Security: an unexpected error's message may carry SQL, paths or secrets; never show it.
  return {
    message: `Internal error; quote ${requestId ?? 'the request id'} when reporting it`,
    data: { appCode: 'INTERNAL_ERROR', httpStatus: 500, requestId },
  };
}

/** Turns an AppError thrown by a use case into the TRPCError whose code gives the right HTTP status. */
export function toTrpcError(error: unknown): unknown {
  if (error instanceof TRPCError) {
    const inner = findAppError(error);
    if (!inner || error.code === ERROR_CODES[inner.code].trpc) return error;
    return new TRPCError({ code: ERROR_CODES[inner.code].trpc, message: inner.message, cause: inner });
  }
  if (error instanceof AppError) {
    return new TRPCError({ code: ERROR_CODES[error.code].trpc, message: error.message, cause: error });
  }
  return error;
}

export function isUnexpected(error: TRPCError): boolean {
  return !findAppError(error) && error.code === 'INTERNAL_SERVER_ERROR';
}
