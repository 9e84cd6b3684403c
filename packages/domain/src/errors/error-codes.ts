/**
 * The one table of error codes (API.md "Error codes and HTTP status"). tRPC and
 * REST both read it, so a code always answers with the same status everywhere.
 */
export const ERROR_CODES = {
  VALIDATION_ERROR: { status: 400, trpc: 'BAD_REQUEST' },
  OTP_INVALID: { status: 400, trpc: 'BAD_REQUEST' },
  OTP_EXPIRED: { status: 400, trpc: 'BAD_REQUEST' },
  TOKEN_INVALID: { status: 401, trpc: 'UNAUTHORIZED' },
  TOKEN_EXPIRED: { status: 401, trpc: 'UNAUTHORIZED' },
  INVALID_CREDENTIALS: { status: 401, trpc: 'UNAUTHORIZED' },
  FORBIDDEN: { status: 403, trpc: 'FORBIDDEN' },
  ACCOUNT_SUSPENDED: { status: 403, trpc: 'FORBIDDEN' },
  USER_NOT_FOUND: { status: 404, trpc: 'NOT_FOUND' },
  ORGANIZATION_NOT_FOUND: { status: 404, trpc: 'NOT_FOUND' },
  NOT_FOUND: { status: 404, trpc: 'NOT_FOUND' },
  BOOKING_NOT_FOUND: { status: 404, trpc: 'NOT_FOUND' },
  VEHICLE_NOT_FOUND: { status: 404, trpc: 'NOT_FOUND' },
  TRIP_NOT_FOUND: { status: 404, trpc: 'NOT_FOUND' },
  /** The trip has left, finished or been cancelled, or its operator is not approved: it sells no seats. */
  TRIP_NOT_BOOKABLE: { status: 409, trpc: 'CONFLICT' },
  PAYMENT_NOT_FOUND: { status: 404, trpc: 'NOT_FOUND' },
  WEBHOOK_ENDPOINT_NOT_FOUND: { status: 404, trpc: 'NOT_FOUND' },
  BOOKING_CONFLICT: { status: 409, trpc: 'CONFLICT' },
  VEHICLE_UNAVAILABLE: { status: 409, trpc: 'CONFLICT' },
  SEATS_UNAVAILABLE: { status: 409, trpc: 'CONFLICT' },
  HOLD_EXPIRED: { status: 409, trpc: 'CONFLICT' },
  HOLD_LIMIT_REACHED: { status: 429, trpc: 'TOO_MANY_REQUESTS' },
  BOOKING_CANNOT_CANCEL: { status: 409, trpc: 'CONFLICT' },
  PAYMENT_FAILED: { status: 402, trpc: 'PAYMENT_REQUIRED' },
  INSUFFICIENT_BALANCE: { status: 402, trpc: 'PAYMENT_REQUIRED' },
  PAYMENT_ALREADY_PROCESSED: { status: 409, trpc: 'CONFLICT' },
  REFUND_EXCEEDS_CAPTURED: { status: 409, trpc: 'CONFLICT' },
  REFUND_NOT_FOUND: { status: 404, trpc: 'NOT_FOUND' },
  /** Retrying a refund that has not failed (it is pending or already succeeded). */
  REFUND_NOT_RETRYABLE: { status: 409, trpc: 'CONFLICT' },
  IDEMPOTENCY_KEY_REUSED: { status: 422, trpc: 'UNPROCESSABLE_CONTENT' },
  IDEMPOTENCY_KEY_IN_USE: { status: 409, trpc: 'CONFLICT' },
  /** Another account already has that email address. */
  EMAIL_IN_USE: { status: 409, trpc: 'CONFLICT' },
  OTP_RATE_LIMIT: { status: 429, trpc: 'TOO_MANY_REQUESTS' },
  RATE_LIMITED: { status: 429, trpc: 'TOO_MANY_REQUESTS' },
  WEBHOOK_SIGNATURE_INVALID: { status: 401, trpc: 'UNAUTHORIZED' },
  /** A link to the sandbox pay page that was not signed for that payment (forged, altered or another payment's). */
  PAYMENT_LINK_INVALID: { status: 403, trpc: 'FORBIDDEN' },
  /** A genuine link to the sandbox pay page, past its expiry: the customer starts the payment again from the app. */
  PAYMENT_LINK_EXPIRED: { status: 403, trpc: 'FORBIDDEN' },
  PAYLOAD_TOO_LARGE: { status: 413, trpc: 'PAYLOAD_TOO_LARGE' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, trpc: 'UNSUPPORTED_MEDIA_TYPE' },
  /** No queue of that name (admin job runs). */
  JOB_NOT_FOUND: { status: 404, trpc: 'NOT_FOUND' },
  SETTLEMENT_NOT_FOUND: { status: 404, trpc: 'NOT_FOUND' },
  /** Approving a statement that is no longer a draft. */
  SETTLEMENT_ALREADY_APPROVED: { status: 409, trpc: 'CONFLICT' },
  /** Marking paid a statement nobody approved yet. */
  SETTLEMENT_NOT_APPROVED: { status: 409, trpc: 'CONFLICT' },
  /** Marking paid a statement already paid (its payout was recorded once). */
  SETTLEMENT_ALREADY_PAID: { status: 409, trpc: 'CONFLICT' },
  /** A scanned code that is not a Fareway e-ticket, or names a booking of another operator's trips. */
  TICKET_INVALID: { status: 400, trpc: 'BAD_REQUEST' },
  /** A genuine e-ticket for another trip of the same operator than the one being boarded. */
  TICKET_WRONG_TRIP: { status: 409, trpc: 'CONFLICT' },
  /** A genuine e-ticket whose booking is not (or no longer) paid: cancelled, expired, or an unpaid hold. */
  TICKET_NOT_VALID: { status: 409, trpc: 'CONFLICT' },
  /** Asking for the e-ticket of a rental or of a seat booking that is not paid. */
  TICKET_NOT_ISSUED: { status: 409, trpc: 'CONFLICT' },
  /** Asking for the receipt of a booking nothing was paid for. */
  RECEIPT_NOT_ISSUED: { status: 409, trpc: 'CONFLICT' },
  SERVICE_UNAVAILABLE: { status: 503, trpc: 'INTERNAL_SERVER_ERROR' },
  INTERNAL_ERROR: { status: 500, trpc: 'INTERNAL_SERVER_ERROR' },
} as const satisfies Record<string, { status: number; trpc: TrpcErrorCode }>;

/** The subset of tRPC's error codes this table uses (kept here so `domain` stays free of tRPC). */
export type TrpcErrorCode =
  | 'BAD_REQUEST'
  | 'UNAUTHORIZED'
  | 'PAYMENT_REQUIRED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'UNPROCESSABLE_CONTENT'
  | 'TOO_MANY_REQUESTS'
  | 'INTERNAL_SERVER_ERROR';

export type ErrorCode = keyof typeof ERROR_CODES;

export const ERROR_CODE_LIST = Object.keys(ERROR_CODES) as ErrorCode[];

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_CODES, value);
}

export function httpStatusOf(code: ErrorCode): number {
  return ERROR_CODES[code].status;
}

/** The inverse lookup for errors that did not start as an AppError (tRPC's own parse errors, say). */
export function errorCodeForHttpStatus(status: number): ErrorCode {
  switch (status) {
    case 400:
      return 'VALIDATION_ERROR';
    case 401:
      return 'TOKEN_INVALID';
    case 403:
      return 'FORBIDDEN';
    case 404:
    case 405:
      return 'NOT_FOUND';
    case 413:
      return 'PAYLOAD_TOO_LARGE';
    case 415:
      return 'UNSUPPORTED_MEDIA_TYPE';
    case 429:
      return 'RATE_LIMITED';
    case 503:
      return 'SERVICE_UNAVAILABLE';
    default:
      return status >= 500 ? 'INTERNAL_ERROR' : 'VALIDATION_ERROR';
  }
}
