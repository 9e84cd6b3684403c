import { describe, expect, it } from 'vitest';
import { AppError, findAppError, isAppError } from './app-error';
import { ERROR_CODES, errorCodeForHttpStatus, httpStatusOf, isErrorCode } from './error-codes';

// API.md's table, written out again on purpose: the contract must not drift silently.
const CONTRACT: Array<[string, number]> = [
  ['VALIDATION_ERROR', 400],
  ['OTP_INVALID', 400],
  ['OTP_EXPIRED', 400],
  ['TOKEN_INVALID', 401],
  ['TOKEN_EXPIRED', 401],
  ['FORBIDDEN', 403],
  ['NOT_FOUND', 404],
  ['BOOKING_NOT_FOUND', 404],
  ['VEHICLE_NOT_FOUND', 404],
  ['TRIP_NOT_FOUND', 404],
  ['PAYMENT_NOT_FOUND', 404],
  ['BOOKING_CONFLICT', 409],
  ['VEHICLE_UNAVAILABLE', 409],
  ['SEATS_UNAVAILABLE', 409],
  ['HOLD_EXPIRED', 409],
  ['HOLD_LIMIT_REACHED', 429],
  ['BOOKING_CANNOT_CANCEL', 409],
  ['PAYMENT_FAILED', 402],
  ['INSUFFICIENT_BALANCE', 402],
  ['PAYMENT_ALREADY_PROCESSED', 409],
  ['REFUND_EXCEEDS_CAPTURED', 409],
  ['IDEMPOTENCY_KEY_REUSED', 422],
  ['IDEMPOTENCY_KEY_IN_USE', 409],
  ['OTP_RATE_LIMIT', 429],
  ['RATE_LIMITED', 429],
  ['WEBHOOK_SIGNATURE_INVALID', 401],
  ['PAYLOAD_TOO_LARGE', 413],
  ['UNSUPPORTED_MEDIA_TYPE', 415],
  ['JOB_NOT_FOUND', 404],
  ['INTERNAL_ERROR', 500],
];

describe('error code table', () => {
  it.each(CONTRACT)('%s answers HTTP %i', (code, status) => {
    expect(isErrorCode(code)).toBe(true);
    if (isErrorCode(code)) expect(httpStatusOf(code)).toBe(status);
  });

  it('adds to API.md only the codes listed in the README (the contract may grow, never change)', () => {
    const extra = Object.keys(ERROR_CODES).filter((c) => !CONTRACT.some(([k]) => k === c));
    expect(extra.sort()).toEqual([
      'ACCOUNT_SUSPENDED',
      'EMAIL_IN_USE',
      'INVALID_CREDENTIALS',
      'ORGANIZATION_NOT_FOUND',
      'PAYMENT_LINK_EXPIRED',
      'PAYMENT_LINK_INVALID',
      'RECEIPT_NOT_ISSUED',
      'REFUND_NOT_FOUND',
      'REFUND_NOT_RETRYABLE',
      'SERVICE_UNAVAILABLE',
      'SETTLEMENT_ALREADY_APPROVED',
      'SETTLEMENT_ALREADY_PAID',
      'SETTLEMENT_NOT_APPROVED',
      'SETTLEMENT_NOT_FOUND',
      'TICKET_INVALID',
      'TICKET_NOT_ISSUED',
      'TICKET_NOT_VALID',
      'TICKET_WRONG_TRIP',
      'TRIP_NOT_BOOKABLE',
      'USER_NOT_FOUND',
      'WEBHOOK_ENDPOINT_NOT_FOUND',
    ]);
  });

  it.each([
    [400, 'VALIDATION_ERROR'],
    [404, 'NOT_FOUND'],
    [405, 'NOT_FOUND'],
    [413, 'PAYLOAD_TOO_LARGE'],
    [415, 'UNSUPPORTED_MEDIA_TYPE'],
    [401, 'TOKEN_INVALID'],
    [403, 'FORBIDDEN'],
    [429, 'RATE_LIMITED'],
    [503, 'SERVICE_UNAVAILABLE'],
    [500, 'INTERNAL_ERROR'],
    [502, 'INTERNAL_ERROR'],
    [418, 'VALIDATION_ERROR'], // any other client error
    [499, 'VALIDATION_ERROR'],
  ])('HTTP %i without an AppError becomes %s', (status, code) => {
    expect(errorCodeForHttpStatus(status)).toBe(code);
  });

  it('finds an AppError through a cause chain and nothing in a plain error', () => {
    const inner = new AppError('BOOKING_CONFLICT', 'taken');
    const wrapped = new Error('outer', { cause: new Error('middle', { cause: inner }) });
    expect(findAppError(wrapped)).toBe(inner);
    expect(findAppError(new Error('plain'))).toBeUndefined();
    expect(inner.httpStatus).toBe(409);
  });

  it('looks no deeper than 8 causes (a cycle cannot hang it) and tells codes from other strings', () => {
    const inner = new AppError('BOOKING_CONFLICT', 'taken');
    const wrap = (error: unknown, times: number): unknown => (times === 0 ? error : wrap(new Error('wrap', { cause: error }), times - 1));
    expect(findAppError(wrap(inner, 7))).toBe(inner);
    expect(findAppError(wrap(inner, 8))).toBeUndefined();
    const cycle: { cause?: unknown } = {};
    cycle.cause = cycle;
    expect(findAppError(cycle)).toBeUndefined();
    expect(findAppError(null)).toBeUndefined();
    expect(isErrorCode('BOOKING_CONFLICT')).toBe(true);
    expect(isErrorCode('toString')).toBe(false);
    expect(isErrorCode('NOT_A_CODE')).toBe(false);
    expect(isErrorCode(409)).toBe(false);
  });

  it('an AppError is named for logs, carries its cause only when given one, and its details and wait', () => {
    const cause = new Error('pg said no');
    const error = new AppError('RATE_LIMITED', 'Slow down', { details: { seats: ['1A'] }, retryAfterSeconds: 7, cause });
    expect(error.name).toBe('AppError');
    expect(error.cause).toBe(cause);
    expect(error).toMatchObject({ code: 'RATE_LIMITED', message: 'Slow down', details: { seats: ['1A'] }, retryAfterSeconds: 7 });
    expect(error.httpStatus).toBe(429);
    const bare = new AppError('NOT_FOUND', 'No such thing');
    expect('cause' in bare).toBe(false);
    expect(bare.details).toBeUndefined();
    expect(isAppError(bare)).toBe(true);
    expect(isAppError(new Error('plain'))).toBe(false);
  });
});
