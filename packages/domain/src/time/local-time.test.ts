import { describe, expect, it } from 'vitest';
import { addLocalDays, isValidTimeZone, localDateOf, localDayBounds, wallTimeOf } from './local-time';

describe('local time', () => {
  it.each([
    ['2026-03-01T20:00:00Z', 'Asia/Colombo', '2026-03-02'],
    ['2026-03-01T18:29:59Z', 'Asia/Colombo', '2026-03-01'],
    ['2026-03-01T18:30:00Z', 'Asia/Colombo', '2026-03-02'],
    ['2026-03-01T02:00:00Z', 'America/New_York', '2026-02-28'],
  ])('%s in %s is %s', (iso, zone, date) => {
    expect(localDateOf(new Date(iso), zone)).toBe(date);
  });

  it.each([
    ['2026-03-02', 'Asia/Colombo', '2026-03-01T18:30:00.000Z', '2026-03-02T18:30:00.000Z'],
    ['2026-03-29', 'Europe/London', '2026-03-29T00:00:00.000Z', '2026-03-29T23:00:00.000Z'],
    ['2026-10-25', 'Europe/London', '2026-10-24T23:00:00.000Z', '2026-10-26T00:00:00.000Z'],
  ])('%s in %s runs %s → %s', (date, zone, start, end) => {
    const bounds = localDayBounds(date, zone);
    expect(bounds.start.toISOString()).toBe(start);
    expect(bounds.end.toISOString()).toBe(end);
  });

  it('adds wall-clock days across DST', () => {
    expect(addLocalDays(new Date('2026-03-28T10:00:00Z'), 1, 'Europe/London').toISOString()).toBe('2026-03-29T09:00:00.000Z');
  });

  it('knows a zone from a typo', () => {
    expect(isValidTimeZone('Asia/Colombo')).toBe(true);
    expect(isValidTimeZone('Asia/Colombia')).toBe(false);
  });
});

describe('wallTimeOf and localDateOf, to the second and before year 1000', () => {
  it('reads every field of the wall clock', () => {
    expect(wallTimeOf(new Date('2026-03-29T00:59:58.250Z'), 'Europe/London')).toEqual({
      year: 2026,
      month: 3,
      day: 29,
      hour: 0,
      minute: 59,
      second: 58,
      millisecond: 250,
    });
    expect(wallTimeOf(new Date('2026-03-29T01:00:07Z'), 'Europe/London')).toMatchObject({ hour: 2, minute: 0, second: 7 });
  });

  it('writes a four-digit year', () => {
    expect(localDateOf(new Date('0999-06-15T12:00:00Z'), 'UTC')).toBe('0999-06-15');
  });
});
