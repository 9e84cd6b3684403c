import { describe, expect, it } from 'vitest';
import { assertMinor, currencyExponent, formatMoney, toMajorUnits } from './money';

describe('money', () => {
  it.each([
    // amountMinor, currency, major
    [1_250_000, 'LKR', 12_500],
    [199, 'USD', 1.99],
    [500, 'JPY', 500],
    [1_234, 'KWD', 1.234],
    [0, 'NGN', 0],
  ])('%i minor %s is %d major', (minor, currency, major) => {
    expect(toMajorUnits(minor, currency)).toBe(major);
  });

  it.each([
    ['LKR', 2],
    ['usd', 2],
    ['JPY', 0],
    ['BHD', 3],
  ])('%s has exponent %i', (currency, exponent) => {
    expect(currencyExponent(currency)).toBe(exponent);
  });

  it('refuses fractional or unsafe amounts', () => {
    expect(() => assertMinor(1.5)).toThrow('money must be a safe integer of minor units, got 1.5');
    expect(() => assertMinor(Number.MAX_SAFE_INTEGER + 1)).toThrow(RangeError);
    expect(() => assertMinor(-100)).not.toThrow();
  });

  it('formats with the currency code and its digits', () => {
    expect(formatMoney(1_250_000, 'LKR')).toBe('LKR\u00a012,500.00');
    expect(formatMoney(500, 'JPY')).toBe('JPY\u00a0500');
  });
});
