import { AppError } from '../errors/app-error';
import { assertMinor } from '../money/money';
import type { CancellationPolicy } from '../policy/cancellation-policy';
import { splitCommission } from '../policy/commission';
import { addLocalDays } from '../time/local-time';

export interface PriceLine {
  kind: 'rental_day' | 'seat';
  description: string;
  quantity: number;
  unitMinor: number;
  amountMinor: number;
  seatNo?: string;
}

/** What a booking snapshots when it is made: its lines, total, commission and the policy in force. */
export interface BookingQuote {
  currency: string;
  lines: PriceLine[];
  totalMinor: number;
  commissionRateBasisPoints: number;
  commissionMinor: number;
  partnerMinor: number;
  policy: CancellationPolicy;
}

/**
 * Rental days: every started day counts, and a day is a local calendar day in
 * the vehicle's zone (so 10:00 → 10:00 next day is one day, even across DST).
 */
export function rentalDays(start: Date, end: Date, timeZone: string): number {
  if (end.getTime() <= start.getTime()) throw new AppError('VALIDATION_ERROR', 'endDate must be after startDate');
  // A lower bound the loop below completes on the wall clock.
  // Stryker disable next-line MethodExpression: equivalent — a lower start only makes the loop count more steps to the same answer.
  let days = Math.max(1, Math.floor((end.getTime() - start.getTime()) / 86_400_000) - 1);
  while (addLocalDays(start, days, timeZone).getTime() < end.getTime()) days++;
  return days;
}

export function quoteRental(
  vehicle: { dailyRateMinor: number; currency: string; timeZone: string },
  range: { start: Date; end: Date },
  terms: { commissionRateBasisPoints: number; policy: CancellationPolicy },
): BookingQuote & { days: number } {
  assertMinor(vehicle.dailyRateMinor);
  const days = rentalDays(range.start, range.end, vehicle.timeZone);
  const totalMinor = days * vehicle.dailyRateMinor;
  assertMinor(totalMinor);
  const { commissionMinor, partnerMinor } = splitCommission(totalMinor, terms.commissionRateBasisPoints);
  return {
    days,
    currency: vehicle.currency,
    lines: [
      {
        kind: 'rental_day',
        description: `${days} day${days === 1 ? '' : 's'} × daily rate`,
        quantity: days,
        unitMinor: vehicle.dailyRateMinor,
        amountMinor: totalMinor,
      },
    ],
    totalMinor,
    commissionRateBasisPoints: terms.commissionRateBasisPoints,
    commissionMinor,
    partnerMinor,
    policy: terms.policy,
  };
}
