import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { createApiClient } from './client';
import { appErrorCode, errorHttpStatus, isSignedOutError, retryAfterSeconds } from './errors';

/** A client whose every request gets this one tRPC error envelope, with `status` as the HTTP status. */
function failingClient(status: number, error: { message: string; code: number; data: Record<string, unknown> }) {
  const fetch = (async () => Response.json([{ error }], { status, headers: { 'Retry-After': '42' } })) as typeof globalThis.fetch;
  return createApiClient({ url: 'http://fareway.test/trpc', fetch });
}

describe('appErrorCode / retryAfterSeconds', () => {
  it('read the code and the wait from a real TRPCClientError of a rate-limited sendOtp', async () => {
    const client = failingClient(429, {
      message: 'Wait a minute before asking for another code',
      code: -32029,
      data: {
        code: 'TOO_MANY_REQUESTS',
        path: 'auth.sendOtp',
        appCode: 'OTP_RATE_LIMIT',
        httpStatus: 429,
        requestId: 'req-1',
        retryAfterSeconds: 42,
      },
    });

    const error = await client.auth.sendOtp.mutate({ phoneNumber: '0771234567' }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(TRPCClientError);
    expect(appErrorCode(error)).toBe('OTP_RATE_LIMIT');
    expect(retryAfterSeconds(error)).toBe(42);
    expect(errorHttpStatus(error)).toBe(429);
    expect(isSignedOutError(error)).toBe(false);
  });

  it('give undefined when the server sent no wait, and recognise signed-out codes', async () => {
    const client = failingClient(401, {
      message: 'Sign in again: the session has expired',
      code: -32001,
      data: { code: 'UNAUTHORIZED', path: 'auth.me', appCode: 'TOKEN_EXPIRED', httpStatus: 401, requestId: 'req-2' },
    });

    const error = await client.auth.me.query().catch((e: unknown) => e);

    expect(appErrorCode(error)).toBe('TOKEN_EXPIRED');
    expect(retryAfterSeconds(error)).toBeUndefined();
    expect(isSignedOutError(error)).toBe(true);
  });

  it('give undefined for errors that did not come from the server', async () => {
    const fetch = (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof globalThis.fetch;
    const networkError = await createApiClient({ url: 'http://fareway.test/trpc', fetch })
      .auth.me.query()
      .catch((e: unknown) => e);

    expect(networkError).toBeInstanceOf(TRPCClientError);
    for (const error of [networkError, new Error('plain'), null, undefined, 'OTP_INVALID', { data: null }, { data: { appCode: 7 } }]) {
      expect(appErrorCode(error)).toBeUndefined();
      expect(retryAfterSeconds(error)).toBeUndefined();
      expect(isSignedOutError(error)).toBe(false);
    }
    expect(retryAfterSeconds({ data: { retryAfterSeconds: -1 } })).toBeUndefined();
    expect(retryAfterSeconds({ data: { retryAfterSeconds: '42' } })).toBeUndefined();
  });
});
