import type { AppErrorData } from '@fareway/api';

/** Every `appCode` the server can send (the one error table of `@fareway/domain`). */
export type AppErrorCode = AppErrorData['appCode'];

/** The codes that mean "nobody is signed in" (no cookie, a revoked or an expired session). */
export const SIGNED_OUT_CODES: ReadonlySet<AppErrorCode> = new Set<AppErrorCode>(['TOKEN_INVALID', 'TOKEN_EXPIRED']);

/**
 * `error.data` of a TRPCClientError (or anything shaped like one), else null.
 * Read structurally rather than with `instanceof`, so it also works across
 * bundles and on plain `TRPCClientErrorLike` objects.
 */
function errorData(error: unknown): Record<string, unknown> | null {
  if (typeof error !== 'object' || error === null || !('data' in error)) return null;
  const data: unknown = error.data;
  return typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : null;
}

/** The server's error code (`error.data.appCode`), e.g. `'OTP_INVALID'`; undefined for network and other non-server errors. */
export function appErrorCode(error: unknown): AppErrorCode | undefined {
  const code = errorData(error)?.appCode;
  return typeof code === 'string' && code !== '' ? (code as AppErrorCode) : undefined;
}

/** How long the server asked us to wait before trying again (`error.data.retryAfterSeconds`, the Retry-After of a 429). */
export function retryAfterSeconds(error: unknown): number | undefined {
  const seconds = errorData(error)?.retryAfterSeconds;
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0 ? seconds : undefined;
}

/** The HTTP status the server attaches to every tRPC error (`error.data.httpStatus`), when there is one. */
export function errorHttpStatus(error: unknown): number | null {
  const status = errorData(error)?.httpStatus;
  return typeof status === 'number' ? status : null;
}

/** True when the error says the caller is not signed in (TOKEN_INVALID or TOKEN_EXPIRED). */
export function isSignedOutError(error: unknown): boolean {
  const code = appErrorCode(error);
  return code !== undefined && SIGNED_OUT_CODES.has(code);
}
