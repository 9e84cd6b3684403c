import { instantToZonedDate, zonedInputToInstant } from '@fareway/ui';

/**
 * Wall-clock values for form inputs. `datetime-local` and `date` inputs carry no
 * zone: the app reads and fills them on the wall clock of the vehicle's or the
 * trip's IANA zone (never the browser's), through the one time module in @fareway/ui.
 */

/**
 * The zone a search is typed in before any vehicle or trip is chosen: where the
 * marketplace operates (operators default to it too). A vehicle page then
 * reads the same wall-clock values in the vehicle's own zone.
 */
export const SEARCH_TIME_ZONE = 'Asia/Colombo';

/** "2026-02-01" plus `days` calendar days. */
function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Today's date on the wall clock of `zone`, for a `date` input. */
export function todayIn(zone: string, now = new Date()): string {
  return instantToZonedDate(now, zone);
}

/** A rental's default range: tomorrow 10:00 for two days, on the wall clock of `zone`. */
export function defaultRentalRange(zone: string, now = new Date()): { start: string; end: string } {
  const tomorrow = addDays(todayIn(zone, now), 1);
  return { start: `${tomorrow}T10:00`, end: `${addDays(tomorrow, 2)}T10:00` };
}

/** The date `days` after today in `zone` (a `min` for date inputs). */
export function daysFromToday(zone: string, days: number, now = new Date()): string {
  return addDays(todayIn(zone, now), days);
}

/** Why a rental range cannot be searched or held: a key of `search:range` (the sentence in the user's language). */
export type RangeProblem = 'noPickup' | 'noReturn' | 'returnBeforePickup' | 'pickupInPast';

/** Why a rental range typed in `zone` cannot be searched or held, or null. */
export function rangeProblem(start: string, end: string, zone: string, now = Date.now()): RangeProblem | null {
  const startIso = zonedInputToInstant(start, zone);
  const endIso = zonedInputToInstant(end, zone);
  if (!startIso) return 'noPickup';
  if (!endIso) return 'noReturn';
  if (Date.parse(endIso) <= Date.parse(startIso)) return 'returnBeforePickup';
  if (Date.parse(startIso) < now - 60_000) return 'pickupInPast';
  return null;
}
