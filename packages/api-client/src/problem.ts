import { useMemo } from 'react';
import { type AppErrorCode, appErrorCode, retryAfterSeconds } from './errors';

/** A failed request as the SPAs show it (structurally the `Problem` of `@fareway/ui`). */
export interface RequestProblem {
  /** The server's message, or a plain sentence when the server was not reached. */
  message: string;
  /** The server's stable code; undefined for network failures. */
  code: AppErrorCode | undefined;
  /** When it may be tried again (epoch ms), from a 429's Retry-After; null when at once. */
  retryAt: number | null;
  /** The server's `details` (validation paths, taken seats), as sent. */
  details: unknown;
}

export const UNREACHABLE_MESSAGE = 'Could not reach Fareway; check your connection and try again';

function detailsOf(error: unknown): unknown {
  if (typeof error !== 'object' || error === null || !('data' in error)) return undefined;
  const data = (error as { data: unknown }).data;
  return typeof data === 'object' && data !== null ? (data as { details?: unknown }).details : undefined;
}

/** "startDate: expected …; seats: too small" from VALIDATION_ERROR details, when they are the usual `{path, message}` list. */
function validationSummary(details: unknown): string | null {
  if (!Array.isArray(details)) return null;
  const parts = details
    .filter((d): d is { path: unknown; message: unknown } => typeof d === 'object' && d !== null && 'message' in d)
    .map((d) => (typeof d.path === 'string' && d.path !== '' ? `${d.path}: ${String(d.message)}` : String(d.message)));
  return parts.length > 0 ? parts.join('; ') : null;
}

/**
 * Turns any error from the client into what a screen shows: the server's own
 * message (with the failing fields for a validation error), its code, and
 * the moment a retry is allowed. `now` is when the error arrived.
 */
export function problemOf(error: unknown, now = Date.now()): RequestProblem | null {
  if (error === null || error === undefined) return null;
  const code = appErrorCode(error);
  const details = detailsOf(error);
  const wait = retryAfterSeconds(error);
  let message = code === undefined ? UNREACHABLE_MESSAGE : error instanceof Error ? error.message : String(error);
  if (code === 'VALIDATION_ERROR') {
    const summary = validationSummary(details);
    if (summary && !message.includes(summary)) message = `${message}: ${summary}`;
  }
  return { message, code, retryAt: wait === undefined ? null : now + wait * 1000, details };
}

/** `problemOf(error)`, computed once per error so a Retry-After countdown keeps its deadline across renders. */
export function useProblem(error: unknown): RequestProblem | null {
  return useMemo(() => problemOf(error), [error]);
}
