import { describe, expect, it } from 'vitest';
import { cachedFormatterCount, dateTimeFormat, MAX_FORMATTERS, numberFormat } from './intl-cache';

describe('intl cache', () => {
  it('returns the same formatter for the same locale and options, another for different ones', () => {
    const a = dateTimeFormat('en-LK', { timeZone: 'Asia/Colombo', dateStyle: 'medium' });
    expect(dateTimeFormat('en-LK', { timeZone: 'Asia/Colombo', dateStyle: 'medium' })).toBe(a);
    expect(dateTimeFormat('en-LK', { timeZone: 'UTC', dateStyle: 'medium' })).not.toBe(a);
    expect(dateTimeFormat('si-LK', { timeZone: 'Asia/Colombo', dateStyle: 'medium' })).not.toBe(a);
    const n = numberFormat('en-US', { style: 'currency', currency: 'LKR' });
    expect(numberFormat('en-US', { style: 'currency', currency: 'LKR' })).toBe(n);
    expect(numberFormat('en-US', { style: 'currency', currency: 'USD' })).not.toBe(n);
    expect(n.format(12.5)).toBe(new Intl.NumberFormat('en-US', { style: 'currency', currency: 'LKR' }).format(12.5));
  });

  it('stays bounded however many distinct options arrive, dropping the oldest first', () => {
    const first = numberFormat('en-US', { minimumIntegerDigits: 1 });
    for (let i = 0; i < MAX_FORMATTERS + 50; i += 1)
      numberFormat('en-US', { maximumFractionDigits: i % 21, minimumIntegerDigits: 1 + (Math.floor(i / 21) % 21) });
    expect(cachedFormatterCount().number).toBeLessThanOrEqual(MAX_FORMATTERS);
    expect(numberFormat('en-US', { minimumIntegerDigits: 1 })).not.toBe(first);
  });

  it('throws for an unknown zone and caches nothing for it', () => {
    const before = cachedFormatterCount().dateTime;
    expect(() => dateTimeFormat('en-US', { timeZone: 'Mars/Olympus' })).toThrow(RangeError);
    expect(cachedFormatterCount().dateTime).toBe(before);
  });
});
