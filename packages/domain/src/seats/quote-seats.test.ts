import { describe, expect, it } from 'vitest';
import { DEFAULT_CANCELLATION_POLICY } from '../policy/cancellation-policy';
import { legFareMinor, quoteSeats } from './quote-seats';

const fares = [50_000, 30_000, 20_000, 40_000, 10_000]; // 6 stops

describe('legFareMinor (per-segment fares summed)', () => {
  it.each([
    [0, 1, 50_000],
    [0, 2, 80_000],
    [2, 5, 70_000],
    [0, 5, 150_000],
    [4, 5, 10_000],
  ])('%i→%i costs %i', (from, to, fare) => {
    expect(legFareMinor(fares, from, to)).toBe(fare);
  });

  it.each([
    [2, 2],
    [3, 1],
    [-1, 2],
    [0, 6],
    [0.5, 2],
  ])('refuses leg %s→%s', (from, to) => {
    expect(() => legFareMinor(fares, from, to)).toThrow(/Invalid leg/);
  });

  it('names the stops the trip has and points the client at fromStop', () => {
    // `fares` has 5 segments: stops 0..5.
    expect(() => legFareMinor(fares, 3, 1)).toThrow(
      expect.objectContaining({
        code: 'VALIDATION_ERROR',
        message: 'Invalid leg 3→1: stops run 0..5 and fromStop must come before toStop',
        details: [{ path: ['fromStop'], message: 'fromStop must be before toStop, both within the trip' }],
      }),
    );
  });
});

describe('quoteSeats', () => {
  it('one line per seat, commission once on the total', () => {
    const quote = quoteSeats(
      { segmentFaresMinor: fares, currency: 'LKR' },
      { fromStop: 1, toStop: 3, seatNumbers: ['1A', '1B', '2C'] },
      { commissionRateBasisPoints: 1_000, policy: DEFAULT_CANCELLATION_POLICY },
    );
    expect(quote.totalMinor).toBe(150_000);
    expect(quote.commissionMinor).toBe(15_000);
    expect(quote.partnerMinor).toBe(135_000);
    expect(quote.lines.map((l) => [l.seatNo, l.amountMinor])).toEqual([
      ['1A', 50_000],
      ['1B', 50_000],
      ['2C', 50_000],
    ]);
    expect(quote.lines[0]?.description).toBe('Seat 1A, stops 1→3');
  });
});
