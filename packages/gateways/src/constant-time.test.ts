import * as crypto from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { constantTimeEqual } from './constant-time';

// Spy on the real module (ESM namespaces are not writable): every comparison must go through timingSafeEqual.
vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:crypto')>();
  return { ...actual, timingSafeEqual: vi.fn(actual.timingSafeEqual) };
});

describe('constantTimeEqual', () => {
  afterEach(() => {
    vi.mocked(crypto.timingSafeEqual).mockClear();
  });

  it.each([
    ['abc', 'abc', true],
    ['abc', 'abd', false],
    ['abc', 'abcd', false],
    ['', '', true],
    ['', 'x', false],
    ['v1=0f3a', 'V1=0F3A', false],
  ])('%j vs %j is %s, compared by crypto.timingSafeEqual on equal-length digests', (a, b, equal) => {
    expect(constantTimeEqual(a, b)).toBe(equal);
    // README: "Signatures are compared in constant time" — also when the lengths differ (no early return).
    expect(crypto.timingSafeEqual).toHaveBeenCalledTimes(1);
    const [left, right] = vi.mocked(crypto.timingSafeEqual).mock.calls[0] as [Buffer, Buffer];
    expect(left.length).toBe(32);
    expect(right.length).toBe(32);
  });
});
