import { AppError } from '../errors/app-error';
import { assertMinor } from '../money/money';
import type { CancellationPolicy } from '../policy/cancellation-policy';
import { splitCommission } from '../policy/commission';
import type { BookingQuote } from '../rentals/quote-rental';

/**
 * Fares are per segment: `segmentFaresMinor[i]` is the fare from stop i to stop i+1,
 * and a leg costs the sum of the segments it rides (so 0→2 = s0 + s1). A trip with
 * n stops has n − 1 segments.
 */
export function legFareMinor(segmentFaresMinor: readonly number[], fromStop: number, toStop: number): number {
  assertLeg(segmentFaresMinor.length + 1, fromStop, toStop);
  let fare = 0;
  for (let i = fromStop; i < toStop; i++) {
    const segment = segmentFaresMinor[i] ?? 0;
    assertMinor(segment);
    fare += segment;
  }
  return fare;
}

/** Stops are 0-based; a leg rides forward at least one segment. */
export function assertLeg(stopCount: number, fromStop: number, toStop: number): void {
  if (!Number.isInteger(fromStop) || !Number.isInteger(toStop) || fromStop < 0 || toStop > stopCount - 1 || fromStop >= toStop) {
    throw new AppError(
      'VALIDATION_ERROR',
      `Invalid leg ${fromStop}→${toStop}: stops run 0..${stopCount - 1} and fromStop must come before toStop`,
      {
        details: [{ path: ['fromStop'], message: 'fromStop must be before toStop, both within the trip' }],
      },
    );
  }
}

export function quoteSeats(
  trip: { segmentFaresMinor: readonly number[]; currency: string },
  leg: { fromStop: number; toStop: number; seatNumbers: readonly string[] },
  terms: { commissionRateBasisPoints: number; policy: CancellationPolicy },
): BookingQuote {
  const fare = legFareMinor(trip.segmentFaresMinor, leg.fromStop, leg.toStop);
  const lines = leg.seatNumbers.map((seatNo) => ({
    kind: 'seat' as const,
    description: `Seat ${seatNo}, stops ${leg.fromStop}→${leg.toStop}`,
    quantity: 1,
    unitMinor: fare,
    amountMinor: fare,
    seatNo,
  }));
  const totalMinor = fare * leg.seatNumbers.length;
  assertMinor(totalMinor);
  const { commissionMinor, partnerMinor } = splitCommission(totalMinor, terms.commissionRateBasisPoints);
  return {
    currency: trip.currency,
    lines,
    totalMinor,
    commissionRateBasisPoints: terms.commissionRateBasisPoints,
    commissionMinor,
    partnerMinor,
    policy: terms.policy,
  };
}
