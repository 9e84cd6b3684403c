import { describe, expect, it } from 'vitest';
import { DEFAULT_CANCELLATION_POLICY } from '../policy/cancellation-policy';
import { blockedPeriod, legsOverlap, periodsOverlap } from './blocked-period';
import { quoteRental, rentalDays } from './quote-rental';

const at = (iso: string) => new Date(iso);

describe('rentalDays (per started local day)', () => {
  it.each([
    ['2026-03-01T10:00:00Z', '2026-03-01T11:00:00Z', 'UTC', 1],
    ['2026-03-01T10:00:00Z', '2026-03-02T10:00:00Z', 'UTC', 1],
    ['2026-03-01T10:00:00Z', '2026-03-02T10:00:01Z', 'UTC', 2],
    ['2026-03-01T10:00:00Z', '2026-03-08T10:00:00Z', 'Asia/Colombo', 7],
    // Europe/London springs forward on 2026-03-29: 10:00 local → 10:00 local next day is 23 h, still one day.
    ['2026-03-28T10:00:00Z', '2026-03-29T09:00:00Z', 'Europe/London', 1],
    // ... and 24 h across the change is a started second day.
    ['2026-03-28T10:00:00Z', '2026-03-29T10:00:00Z', 'Europe/London', 2],
    // Falls back on 2026-10-25: the local day is 25 h long.
    ['2026-10-24T10:00:00+01:00', '2026-10-25T10:00:00Z', 'Europe/London', 1],
    ['2026-10-24T10:00:00+01:00', '2026-10-25T10:00:01Z', 'Europe/London', 2],
  ])('%s → %s in %s is %i day(s)', (start, end, zone, days) => {
    expect(rentalDays(at(start), at(end), zone)).toBe(days);
  });

  it('refuses an empty or reversed range', () => {
    expect(() => rentalDays(at('2026-03-01T10:00:00Z'), at('2026-03-01T10:00:00Z'), 'UTC')).toThrow('endDate must be after startDate');
  });
});

describe('quoteRental', () => {
  it('prices started days, splits commission once and snapshots the policy', () => {
    const quote = quoteRental(
      { dailyRateMinor: 1_250_000, currency: 'LKR', timeZone: 'Asia/Colombo' },
      { start: at('2026-03-01T04:30:00Z'), end: at('2026-03-03T05:00:00Z') },
      { commissionRateBasisPoints: 1_250, policy: DEFAULT_CANCELLATION_POLICY },
    );
    expect(quote).toMatchObject({ days: 3, totalMinor: 3_750_000, commissionMinor: 468_750, partnerMinor: 3_281_250, currency: 'LKR' });
    expect(quote.lines).toEqual([
      { kind: 'rental_day', description: '3 days × daily rate', quantity: 3, unitMinor: 1_250_000, amountMinor: 3_750_000 },
    ]);
    expect(quote.policy).toBe(DEFAULT_CANCELLATION_POLICY);
  });

  it('a one-day rental says "1 day"', () => {
    const quote = quoteRental(
      { dailyRateMinor: 1_000, currency: 'LKR', timeZone: 'UTC' },
      { start: at('2026-03-01T10:00:00Z'), end: at('2026-03-01T12:00:00Z') },
      { commissionRateBasisPoints: 0, policy: DEFAULT_CANCELLATION_POLICY },
    );
    expect(quote.lines[0]?.description).toBe('1 day × daily rate');
  });
});

describe('blocked periods', () => {
  const a = blockedPeriod(at('2026-03-01T10:00:00Z'), at('2026-03-01T12:00:00Z'), 60);
  it.each([
    ['2026-03-01T12:30:00Z', '2026-03-01T14:00:00Z', 0, true], // inside A's buffer
    ['2026-03-01T13:00:00Z', '2026-03-01T14:00:00Z', 0, false], // right after the buffer
    ['2026-03-01T08:00:00Z', '2026-03-01T09:30:00Z', 30, false], // its own buffer ends at A's start
    ['2026-03-01T08:00:00Z', '2026-03-01T09:30:00Z', 31, true],
  ])('%s–%s (+%i min) overlaps A: %s', (start, end, buffer, overlaps) => {
    expect(periodsOverlap(a, blockedPeriod(at(start), at(end), buffer))).toBe(overlaps);
  });

  it.each([
    [0, 2, 2, 5, false],
    [0, 2, 1, 3, true],
    [1, 3, 0, 2, true],
    [0, 5, 4, 5, true],
    [3, 4, 0, 3, false],
  ])('legs %i→%i and %i→%i overlap: %s', (a1, a2, b1, b2, overlaps) => {
    expect(legsOverlap({ fromStop: a1, toStop: a2 }, { fromStop: b1, toStop: b2 })).toBe(overlaps);
  });
});
