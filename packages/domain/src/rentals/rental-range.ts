import { AppError } from '../errors/app-error';

export interface RentalRangeLimits {
  /** Longest rental, in days of 24 h. */
  maxDays: number;
  /** How far ahead of now a rental may start, in days of 24 h. */
  maxAdvanceDays: number;
}

const DAY_MS = 86_400_000;

/**
 * The range a customer may hold or search: it starts now or later, ends after
 * it starts, lasts at most `maxDays` and starts within `maxAdvanceDays`.
 * Throws VALIDATION_ERROR with the offending field in `details`.
 */
export function assertRentalRange(start: Date, end: Date, now: Date, limits: RentalRangeLimits): void {
  const fail = (path: string, message: string): never => {
    throw new AppError('VALIDATION_ERROR', message, { details: [{ path, message }] });
  };
  if (Number.isNaN(start.getTime())) fail('startDate', 'startDate is not a valid date');
  if (Number.isNaN(end.getTime())) fail('endDate', 'endDate is not a valid date');
  if (start.getTime() < now.getTime()) fail('startDate', 'startDate is in the past');
  if (end.getTime() <= start.getTime()) fail('endDate', 'endDate must be after startDate');
  if (end.getTime() - start.getTime() > limits.maxDays * DAY_MS) fail('endDate', `A rental lasts at most ${limits.maxDays} days`);
  if (start.getTime() - now.getTime() > limits.maxAdvanceDays * DAY_MS)
    fail('startDate', `A rental may start at most ${limits.maxAdvanceDays} days ahead`);
}
