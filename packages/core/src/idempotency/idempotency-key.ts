import { AppError } from '@fareway/domain';

/** The request header a client sets to make a mutation safe to retry (API.md). */
export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
/** Set on a response that is a replay of the stored first response. */
export const IDEMPOTENCY_REPLAYED_HEADER = 'idempotency-replayed';

/** How long keys live and how long a running claim is trusted. */
export interface IdempotencyTimings {
  /** A completed key is replayed for this long, then it behaves as new (API.md: 24 h). */
  ttlSeconds: number;
  /**
   * A running claim older than this is presumed dead (its process crashed) and the next
   * retry takes it over. Must exceed the slowest mutation, or a slow first run and its
   * retry could both execute.
   */
  lockSeconds: number;
}

export const DEFAULT_IDEMPOTENCY_TIMINGS: IdempotencyTimings = { ttlSeconds: 24 * 3600, lockSeconds: 60 };

// Printable ASCII (space to tilde): what an HTTP header can carry without encoding games.
const PRINTABLE = /^[\x20-\x7e]{1,255}$/;

/** Reads the header value; anything but one 1–255 printable-character value is a VALIDATION_ERROR. */
export function parseIdempotencyKey(value: string | string[] | undefined): string {
  const fail = (message: string) => new AppError('VALIDATION_ERROR', message, { details: [{ path: 'Idempotency-Key', message }] });
  if (Array.isArray(value)) throw fail('Send one Idempotency-Key header, not several');
  if (value === undefined || !PRINTABLE.test(value)) {
    throw fail('Idempotency-Key must be 1 to 255 printable ASCII characters');
  }
  return value;
}
