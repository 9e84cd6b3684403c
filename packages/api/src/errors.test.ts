import { AppError } from '@fareway/domain';
import { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { describeError, isUnexpected, toTrpcError } from './errors';

const zodError = z.object({ name: z.string().min(2) }).safeParse({ name: 'x' }).error;

describe('describeError', () => {
  it.each([
    // what a procedure threw, what the client sees: code, status, message
    [new TRPCError({ code: 'CONFLICT', cause: new AppError('BOOKING_CONFLICT', 'Taken') }), 'BOOKING_CONFLICT', 409, 'Taken'],
    [new TRPCError({ code: 'BAD_REQUEST', cause: zodError }), 'VALIDATION_ERROR', 400, 'Input validation failed'],
    [
      new TRPCError({ code: 'PARSE_ERROR', message: 'Failed to parse request body' }),
      'VALIDATION_ERROR',
      400,
      'Failed to parse request body',
    ],
    [new TRPCError({ code: 'NOT_FOUND', message: 'No procedure' }), 'NOT_FOUND', 404, 'No procedure'],
    [new TRPCError({ code: 'PAYLOAD_TOO_LARGE', message: 'Too big' }), 'PAYLOAD_TOO_LARGE', 413, 'Too big'],
    [new TRPCError({ code: 'UNSUPPORTED_MEDIA_TYPE', message: 'JSON only' }), 'UNSUPPORTED_MEDIA_TYPE', 415, 'JSON only'],
  ] as const)('%# gives %s with HTTP %i', (error, code, status, message) => {
    const described = describeError(error, 'req_1');
    expect(described.data.appCode).toBe(code);
    expect(described.data.httpStatus).toBe(status);
    expect(described.message).toBe(message);
    expect(described.data.requestId).toBe('req_1');
  });

  it('lists the failing paths of a validation error', () => {
    const { data } = describeError(new TRPCError({ code: 'BAD_REQUEST', cause: zodError }), null);
    expect(data.details).toEqual([{ path: 'name', message: expect.any(String) }]);
  });

  it('never repeats the message of an unexpected error', () => {
    const error = new TRPCError({ code: 'INTERNAL_SERVER_ERROR', cause: new Error('duplicate key; password=hunter2') });
    const described = describeError(error, 'req_9');
    expect(described.data.appCode).toBe('INTERNAL_ERROR');
    expect(described.message).not.toContain('hunter2');
    expect(described.message).toContain('req_9');
    expect(isUnexpected(error)).toBe(true);
  });

  it('keeps the retry hint and details of an AppError', () => {
    const app = new AppError('OTP_RATE_LIMIT', 'Wait', { retryAfterSeconds: 30, details: { phone: '+94…' } });
    const { data } = describeError(new TRPCError({ code: 'TOO_MANY_REQUESTS', cause: app }), null);
    expect(data).toMatchObject({ appCode: 'OTP_RATE_LIMIT', retryAfterSeconds: 30, details: { phone: '+94…' } });
  });
});

describe('toTrpcError', () => {
  it.each([
    ['BOOKING_CONFLICT', 'CONFLICT'],
    ['INSUFFICIENT_BALANCE', 'PAYMENT_REQUIRED'],
    ['IDEMPOTENCY_KEY_REUSED', 'UNPROCESSABLE_CONTENT'],
    ['HOLD_LIMIT_REACHED', 'TOO_MANY_REQUESTS'],
    ['TOKEN_EXPIRED', 'UNAUTHORIZED'],
  ] as const)('%s travels as tRPC %s', (code, trpcCode) => {
    const wrapped = new TRPCError({ code: 'INTERNAL_SERVER_ERROR', cause: new AppError(code, 'x') });
    expect((toTrpcError(wrapped) as TRPCError).code).toBe(trpcCode);
    expect((toTrpcError(new AppError(code, 'x')) as TRPCError).code).toBe(trpcCode);
  });
});
