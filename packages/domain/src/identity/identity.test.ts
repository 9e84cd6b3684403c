import { describe, expect, it } from 'vitest';
import { LOCKOUT, lockoutSeconds } from './login-lockout';
import { maskPhone, normalizePhone } from './normalize-phone';
import { codeState, decideOtpSend } from './otp-rules';
import { judgeSession } from './session-rules';

const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s));

describe('normalizePhone', () => {
  it.each([
    ['0771234567', 'LK', '+94771234567'],
    ['077 123 4567', 'LK', '+94771234567'],
    ['+94 77 123 4567', 'US', '+94771234567'],
    ['(201) 555-0123', 'US', '+12015550123'],
    ['0803 123 4567', 'NG', '+2348031234567'],
    ['12345', 'LK', null],
    ['not a phone', 'LK', null],
    ['+94 77 123 45678 9', 'LK', null],
  ])('%s in %s → %s', (input, region, expected) => {
    expect(normalizePhone(input, region)).toBe(expected);
  });

  it('masks all but the country prefix and the last three digits', () => {
    expect(maskPhone('+94771234567')).toBe('+94******567');
    // Too short to keep both ends without showing it all.
    expect(maskPhone('+941')).toBe('***');
    expect(maskPhone('+9')).toBe('***');
    expect(maskPhone('+94123')).toBe('+94123');
  });
});

describe('decideOtpSend', () => {
  it.each([
    // seconds ago of earlier sends (newest first), now (s), expected
    [[], 1000, { allowed: true }],
    [[10], 1000, { allowed: false, reason: 'cooldown', retryAfterSeconds: 50 }],
    [[60], 1000, { allowed: true }],
    [[60, 120, 180, 240], 1000, { allowed: true }],
    [[60, 120, 180, 240, 290], 1000, { allowed: false, reason: 'window', retryAfterSeconds: 10 }],
    [[60, 120, 180, 240, 300], 1000, { allowed: true }],
  ])('sends %j seconds ago → %j', (ago, now, expected) => {
    const recent = (ago as number[]).map((s) => ({ createdAt: at(now - s) }));
    expect(decideOtpSend(recent, at(now))).toEqual(expected);
  });
});

describe('codeState', () => {
  it.each([
    [{ expiresAt: at(300), attempts: 0, consumedAt: null }, 299, 'usable'],
    [{ expiresAt: at(300), attempts: 0, consumedAt: null }, 300, 'expired'],
    [{ expiresAt: at(300), attempts: 4, consumedAt: null }, 10, 'usable'],
    [{ expiresAt: at(300), attempts: 5, consumedAt: null }, 10, 'exhausted'],
    [{ expiresAt: at(300), attempts: 0, consumedAt: at(5) }, 10, 'used'],
  ])('%j at %is is %s', (code, now, state) => {
    expect(codeState(code, at(now))).toBe(state);
  });
});

describe('judgeSession', () => {
  const day = 86_400_000;
  it.each([
    [30 * day, 'valid'],
    [15 * day + 1, 'valid'],
    [15 * day, 'valid'], // exactly half left: not yet
    [15 * day - 1, 'renew'],
    [1, 'renew'],
    [0, 'expired'],
    [-day, 'expired'],
  ])('%i ms left of a 30-day session → %s', (left, verdict) => {
    expect(judgeSession(new Date(at(0).getTime() + left), at(0), 30 * day)).toBe(verdict);
  });
});

describe('lockoutSeconds', () => {
  it.each([
    [0, 0],
    [4, 0],
    [5, 30],
    [6, 60],
    [7, 120],
    [11, 1920],
    [12, 3600],
    [40, 3600],
  ])('%i account failures lock for %i s', (failures, seconds) => {
    expect(lockoutSeconds(failures, LOCKOUT.account)).toBe(seconds);
  });

  it('is more lenient per IP', () => {
    expect(lockoutSeconds(19, LOCKOUT.ip)).toBe(0);
    expect(lockoutSeconds(20, LOCKOUT.ip)).toBe(30);
  });
});
