import { describe, expect, it } from 'vitest';
import {
  applyBasisPoints,
  type CancelledBy,
  DEFAULT_CANCELLATION_POLICY,
  refundForCancellation,
  refundOnCancel,
  twoTierPolicy,
} from './cancellation-policy';
import { splitCommission } from './commission';

const start = new Date('2026-03-10T10:00:00Z');
const hoursBefore = (h: number) => new Date(start.getTime() - h * 3_600_000);

describe('refundForCancellation (default: 100 % until 24 h, 50 % after, 0 once started)', () => {
  it.each([
    // hours before start, paid, expected refund
    [48, 10_000, 10_000],
    [24, 10_000, 10_000],
    [23.99, 10_000, 5_000],
    [12, 10_000, 5_000],
    [0.01, 10_000, 5_000],
    [0, 10_000, 0],
    [-1, 10_000, 0],
    [12, 3, 2], // 1.5 rounds half up
    [12, 1, 1], // 0.5 rounds half up
    [48, 0, 0],
  ])('%sh before start, paid %i → %i', (h, paid, expected) => {
    expect(refundForCancellation(DEFAULT_CANCELLATION_POLICY, paid, hoursBefore(h), start)).toBe(expected);
  });

  it.each([
    [twoTierPolicy(48, 25), 30, 10_000, 2_500],
    [twoTierPolicy(48, 25), 50, 10_000, 10_000],
    [twoTierPolicy(0, 0), 1, 10_000, 10_000],
  ])('configured policy %#', (policy, h, paid, expected) => {
    expect(refundForCancellation(policy, paid, hoursBefore(h), start)).toBe(expected);
  });

  it('reads the tiers from the earliest cancellation down, in whatever order they were written', () => {
    const policy = {
      ...DEFAULT_CANCELLATION_POLICY,
      tiers: [
        { hoursBeforeStart: 24, refundBasisPoints: 5_000 },
        { hoursBeforeStart: 72, refundBasisPoints: 10_000 },
        { hoursBeforeStart: 48, refundBasisPoints: 7_500 },
      ],
    };
    expect(refundForCancellation(policy, 10_000, hoursBefore(100), start)).toBe(10_000);
    expect(refundForCancellation(policy, 10_000, hoursBefore(50), start)).toBe(7_500);
    expect(refundForCancellation(policy, 10_000, hoursBefore(30), start)).toBe(5_000);
    expect(refundForCancellation(policy, 10_000, hoursBefore(10), start)).toBe(0);
  });

  it('refunds nothing on nothing paid (or a negative amount), whatever the tier', () => {
    expect(refundForCancellation(DEFAULT_CANCELLATION_POLICY, -100, hoursBefore(48), start)).toBe(0);
  });

  it('rejects fractional money', () => {
    expect(() => refundForCancellation(DEFAULT_CANCELLATION_POLICY, 10.5, hoursBefore(1), start)).toThrow(RangeError);
  });
});

describe('splitCommission', () => {
  it.each([
    [10_000, 1_000, 1_000, 9_000],
    [12_345, 1_000, 1_235, 11_110], // 1234.5 rounds half up
    [12_344, 1_000, 1_234, 11_110],
    [1, 1_500, 0, 1],
    [0, 1_000, 0, 0],
    [9_007_199_254_740_991, 10_000, 9_007_199_254_740_991, 0],
  ])('%i at %i bp → %i commission, %i partner', (amount, bp, commission, partner) => {
    expect(splitCommission(amount, bp)).toEqual({ commissionMinor: commission, partnerMinor: partner });
  });

  it('refuses rates outside 0–100 %', () => {
    expect(() => splitCommission(100, 10_001)).toThrow(RangeError);
    expect(() => splitCommission(100, -1)).toThrow('commission rate out of range: -1');
    expect(splitCommission(100, 0)).toEqual({ commissionMinor: 0, partnerMinor: 100 });
    expect(splitCommission(100, 10_000)).toEqual({ commissionMinor: 100, partnerMinor: 0 });
  });

  it('applyBasisPoints is exact beyond float precision', () => {
    expect(applyBasisPoints(9_007_199_254_740_991, 5_000)).toBe(4_503_599_627_370_496);
  });
});

describe('refundOnCancel (who cancels)', () => {
  it.each<[CancelledBy, number, number, number]>([
    ['customer', 48, 10_000, 10_000],
    ['customer', 12, 10_000, 5_000],
    ['customer', -2, 10_000, 0],
    ['partner', -2, 10_000, 10_000],
    ['partner', 12, 10_000, 10_000],
    ['platform', 12, 10_000, 10_000],
    ['platform', 12, 0, 0],
  ])('%s cancelling %sh before start, paid %i → %i', (by, h, paid, expected) => {
    expect(refundOnCancel(DEFAULT_CANCELLATION_POLICY, paid, hoursBefore(h), start, by)).toBe(expected);
  });
});
