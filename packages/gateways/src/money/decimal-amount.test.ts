import { describe, expect, it } from 'vitest';
import { formatDecimalAmount, parseDecimalAmount, parseNumericAmount } from './decimal-amount';

describe('formatDecimalAmount', () => {
  it.each([
    [100000, 'LKR', undefined, '1000.00'],
    [100050, 'LKR', undefined, '1000.50'],
    [5, 'LKR', undefined, '0.05'],
    [0, 'USD', undefined, '0.00'],
    [1500, 'JPY', undefined, '1500'],
    [1500, 'JPY', 2, '1500.00'],
    [1234567, 'KWD', undefined, '1234.567'],
    [9007199254740991, 'LKR', undefined, '90071992547409.91'],
  ])('%d %s (%s decimals) → %s', (minor, currency, decimals, text) => {
    expect(formatDecimalAmount(minor, currency, decimals)).toBe(text);
  });

  it('refuses fractions, negatives and amounts that would need rounding', () => {
    expect(() => formatDecimalAmount(10.5, 'LKR')).toThrow(RangeError);
    expect(() => formatDecimalAmount(-1, 'LKR')).toThrow(RangeError);
    expect(() => formatDecimalAmount(1234567, 'KWD', 2)).toThrow(/cannot be written/);
    expect(formatDecimalAmount(1234000, 'KWD', 2)).toBe('1234.00');
  });
});

describe('parseDecimalAmount', () => {
  it.each([
    ['1000.00', 'LKR', 100000],
    ['1000', 'LKR', 100000],
    ['1000.5', 'LKR', 100050],
    ['0.07', 'LKR', 7],
    // 0.1 + 0.2 style float trouble never enters: 1.15 * 100 is 114.99999999999999 in floats.
    ['1.15', 'LKR', 115],
    ['4500.10', 'LKR', 450010],
    ['1500.00', 'JPY', 1500],
    ['1.234', 'KWD', 1234],
  ])('%s %s → %d', (text, currency, minor) => {
    expect(parseDecimalAmount(text, currency)).toBe(minor);
  });

  it.each(['', ' 1.00', '1,000.00', '-1.00', '+1.00', '1e3', '1.', '.5', 'NaN', '10.005', '99999999999999999.00'])('refuses %j', (text) => {
    expect(() => parseDecimalAmount(text, 'LKR')).toThrow(RangeError);
  });

  it('round-trips every amount up to 2 000.00 exactly', () => {
    const wrong: number[] = [];
    for (let minor = 0; minor <= 200_000; minor += 1) {
      if (parseDecimalAmount(formatDecimalAmount(minor, 'LKR'), 'LKR') !== minor) wrong.push(minor);
    }
    expect(wrong).toEqual([]);
  });
});

describe('parseNumericAmount', () => {
  it('reads JSON numbers through their shortest digits', () => {
    expect(parseNumericAmount(1000.5, 'NGN')).toBe(100050);
    expect(parseNumericAmount(1.15, 'NGN')).toBe(115);
    expect(parseNumericAmount(19.99, 'USD')).toBe(1999);
    expect(parseNumericAmount(50, 'LKR')).toBe(5000);
  });

  it('refuses numbers that are not short decimals of the currency', () => {
    expect(() => parseNumericAmount(0.1 + 0.2, 'USD')).toThrow(RangeError);
    expect(() => parseNumericAmount(1e21, 'USD')).toThrow(RangeError);
    expect(() => parseNumericAmount(Number.NaN, 'USD')).toThrow(RangeError);
    expect(() => parseNumericAmount(-5, 'USD')).toThrow(RangeError);
  });
});
