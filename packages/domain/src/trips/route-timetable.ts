import { AppError, type ErrorDetail } from '../errors/app-error';

/** A stop of a route's usual timetable: minutes after the trip's departure, and the fare to the next stop. */
export interface RouteStopPlan {
  name: string;
  city: string;
  arriveOffsetMinutes: number;
  departOffsetMinutes: number;
  /** Fare from this stop to the next, minor units; absent (null) on the last stop. */
  fareToNextMinor: number | null;
}

export const MAX_ROUTE_STOPS = 50;
/** A trip lasts at most two days; longer runs are several trips. */
export const MAX_ROUTE_MINUTES = 2 * 24 * 60;

/**
 * Checks a route's stops: 2–50 of them, the first at offset 0, times moving
 * forward (each arrival after the previous departure, a stop's departure not
 * before its arrival), a non-negative integer fare on every segment and none
 * after the last stop.
 */
export function validateRouteStops(stops: readonly RouteStopPlan[]): void {
  const problems: ErrorDetail[] = [];
  if (stops.length < 2 || stops.length > MAX_ROUTE_STOPS)
    problems.push({ path: 'stops', message: `a route has 2–${MAX_ROUTE_STOPS} stops` });
  stops.forEach((stop, i) => {
    const at = `stops.${i}`;
    const last = i === stops.length - 1;
    if (!stop.name.trim()) problems.push({ path: `${at}.name`, message: 'a stop needs a name' });
    if (!stop.city.trim()) problems.push({ path: `${at}.city`, message: 'a stop needs a city' });
    for (const key of ['arriveOffsetMinutes', 'departOffsetMinutes'] as const) {
      const v = stop[key];
      if (!Number.isInteger(v) || v < 0 || v > MAX_ROUTE_MINUTES)
        problems.push({ path: `${at}.${key}`, message: `minutes must be an integer 0–${MAX_ROUTE_MINUTES}` });
    }
    if (i === 0 && stop.arriveOffsetMinutes !== 0) problems.push({ path: `${at}.arriveOffsetMinutes`, message: 'the first stop is at 0' });
    if (stop.departOffsetMinutes < stop.arriveOffsetMinutes)
      problems.push({ path: `${at}.departOffsetMinutes`, message: 'a bus leaves a stop after it arrives' });
    const previous = stops[i - 1];
    if (previous && stop.arriveOffsetMinutes <= previous.departOffsetMinutes)
      problems.push({ path: `${at}.arriveOffsetMinutes`, message: 'each stop comes after the previous one has been left' });
    if (last) {
      if (stop.fareToNextMinor !== null) problems.push({ path: `${at}.fareToNextMinor`, message: 'the last stop has no next segment' });
    } else if (stop.fareToNextMinor === null || !Number.isSafeInteger(stop.fareToNextMinor) || stop.fareToNextMinor < 0) {
      problems.push({ path: `${at}.fareToNextMinor`, message: 'every segment needs a fare in minor units (0 or more)' });
    }
  });
  if (problems.length > 0) throw new AppError('VALIDATION_ERROR', 'The route is not valid', { details: problems });
}

/** Absolute times of each stop for a trip leaving the first stop at `departsAt`. */
export function tripStopTimes(departsAt: Date, stops: readonly Pick<RouteStopPlan, 'arriveOffsetMinutes' | 'departOffsetMinutes'>[]) {
  const t0 = departsAt.getTime();
  return stops.map((stop) => ({
    arrivesAt: new Date(t0 + stop.arriveOffsetMinutes * 60_000),
    departsAt: new Date(t0 + stop.departOffsetMinutes * 60_000),
  }));
}
