import { describe, expect, it } from 'vitest';
import { appErrorCode, isSignedOutError, retryAfterSeconds } from './errors';

// What the server's real errors give: test/client-server.test.ts.
describe('appErrorCode / retryAfterSeconds / isSignedOutError', () => {
  it('give undefined (and false) for anything that did not come from the server', () => {
    for (const error of [
      new Error('plain'),
      null,
      undefined,
      'OTP_INVALID',
      { data: null },
      { data: { appCode: 7 } },
      { data: { appCode: '' } },
    ]) {
      expect(appErrorCode(error)).toBeUndefined();
      expect(retryAfterSeconds(error)).toBeUndefined();
      expect(isSignedOutError(error)).toBe(false);
    }
    expect(retryAfterSeconds({ data: { retryAfterSeconds: -1 } })).toBeUndefined();
    expect(retryAfterSeconds({ data: { retryAfterSeconds: '42' } })).toBeUndefined();
    expect(retryAfterSeconds({ data: { retryAfterSeconds: Number.POSITIVE_INFINITY } })).toBeUndefined();
    expect(retryAfterSeconds({ data: { retryAfterSeconds: 0 } })).toBe(0);
    expect(isSignedOutError({ data: { appCode: 'TOKEN_EXPIRED' } })).toBe(true);
    expect(isSignedOutError({ data: { appCode: 'FORBIDDEN' } })).toBe(false);
  });
});
