import { describe, expect, it } from 'vitest';
import { findAppError } from '../errors/app-error';
import { type RouteStopPlan, tripStopTimes, validateRouteStops } from './route-timetable';

const stop = (arrive: number, depart: number, fare: number | null, name = 'Stop'): RouteStopPlan => ({
  name,
  city: 'City',
  arriveOffsetMinutes: arrive,
  departOffsetMinutes: depart,
  fareToNextMinor: fare,
});

function pathsOf(stops: RouteStopPlan[]): string[] {
  try {
    validateRouteStops(stops);
    return [];
  } catch (error) {
    const appError = findAppError(error);
    if (!appError) throw error;
    expect(appError.code).toBe('VALIDATION_ERROR');
    return (appError.details as Array<{ path: string }>).map((d) => d.path);
  }
}

describe('validateRouteStops', () => {
  it.each<[string, RouteStopPlan[], string[]]>([
    ['a good route', [stop(0, 5, 30_000), stop(60, 65, 20_000), stop(120, 120, null)], []],
    ['a free segment', [stop(0, 0, 0), stop(30, 30, null)], []],
    ['one stop', [stop(0, 0, null)], ['stops']],
    ['first stop not at 0', [stop(5, 5, 100), stop(30, 30, null)], ['stops.0.arriveOffsetMinutes']],
    [
      'time going backwards',
      [stop(0, 10, 100), stop(10, 15, 100), stop(12, 12, null)],
      ['stops.1.arriveOffsetMinutes', 'stops.2.arriveOffsetMinutes'],
    ],
    ['leaves before it arrives', [stop(0, 0, 100), stop(30, 20, 100), stop(60, 60, null)], ['stops.1.departOffsetMinutes']],
    ['missing segment fare', [stop(0, 0, null), stop(30, 30, null)], ['stops.0.fareToNextMinor']],
    ['negative fare', [stop(0, 0, -1), stop(30, 30, null)], ['stops.0.fareToNextMinor']],
    ['fractional fare', [stop(0, 0, 1.5), stop(30, 30, null)], ['stops.0.fareToNextMinor']],
    ['fare after the last stop', [stop(0, 0, 100), stop(30, 30, 100)], ['stops.1.fareToNextMinor']],
    ['blank name', [stop(0, 0, 100, ' '), stop(30, 30, null)], ['stops.0.name']],
    [
      'three days long',
      [stop(0, 0, 100), stop(3 * 24 * 60, 3 * 24 * 60, null)],
      ['stops.1.arriveOffsetMinutes', 'stops.1.departOffsetMinutes'],
    ],
  ])('%s', (_name, stops, paths) => {
    expect(pathsOf(stops)).toEqual(paths);
  });
});

describe('tripStopTimes', () => {
  it('adds each offset to the departure', () => {
    const times = tripStopTimes(new Date('2026-03-01T00:30:00Z'), [stop(0, 5, 1), stop(90, 95, null)]);
    expect(times.map((t) => [t.arrivesAt.toISOString(), t.departsAt.toISOString()])).toEqual([
      ['2026-03-01T00:30:00.000Z', '2026-03-01T00:35:00.000Z'],
      ['2026-03-01T02:00:00.000Z', '2026-03-01T02:05:00.000Z'],
    ]);
  });
});

describe('validateRouteStops: each problem says the rule', () => {
  function problemsOf(stops: RouteStopPlan[]) {
    try {
      validateRouteStops(stops);
      return [];
    } catch (error) {
      const appError = findAppError(error);
      expect(appError?.message).toBe('The route is not valid');
      return appError?.details as Array<{ path: string; message: string }>;
    }
  }
  const fifty = Array.from({ length: 50 }, (_, i) => stop(i * 10, i * 10, i === 49 ? null : 100));

  it.each<[string, RouteStopPlan[], Array<{ path: string; message: string }>]>([
    ['fifty stops', fifty, []],
    [
      'fifty-one stops',
      [...fifty.slice(0, 49).map((s) => s), stop(490, 490, 100), stop(500, 500, null)],
      [{ path: 'stops', message: 'a route has 2–50 stops' }],
    ],
    ['two days to the minute', [stop(0, 0, 100), stop(2 * 24 * 60, 2 * 24 * 60, null)], []],
    [
      'a minute past two days',
      [stop(0, 0, 100), stop(2 * 24 * 60, 2 * 24 * 60 + 1, null)],
      [{ path: 'stops.1.departOffsetMinutes', message: 'minutes must be an integer 0–2880' }],
    ],
    [
      'a negative offset',
      [stop(0, 0, 100), stop(-1, 30, null)],
      [
        { path: 'stops.1.arriveOffsetMinutes', message: 'minutes must be an integer 0–2880' },
        { path: 'stops.1.arriveOffsetMinutes', message: 'each stop comes after the previous one has been left' },
      ],
    ],
    [
      'a fractional offset',
      [stop(0, 0, 100), stop(30, 30.5, null)],
      [{ path: 'stops.1.departOffsetMinutes', message: 'minutes must be an integer 0–2880' }],
    ],
    [
      'the first stop later than 0',
      [stop(5, 5, 100), stop(30, 30, null)],
      [{ path: 'stops.0.arriveOffsetMinutes', message: 'the first stop is at 0' }],
    ],
    [
      'leaving before arriving',
      [stop(0, 0, 100), stop(30, 29, 100), stop(60, 60, null)],
      [{ path: 'stops.1.departOffsetMinutes', message: 'a bus leaves a stop after it arrives' }],
    ],
    [
      'arriving as the previous one leaves',
      [stop(0, 10, 100), stop(10, 20, null)],
      [{ path: 'stops.1.arriveOffsetMinutes', message: 'each stop comes after the previous one has been left' }],
    ],
    [
      'a fare after the last stop',
      [stop(0, 0, 100), stop(30, 30, 0)],
      [{ path: 'stops.1.fareToNextMinor', message: 'the last stop has no next segment' }],
    ],
    [
      'no fare on a segment',
      [stop(0, 0, null), stop(30, 30, null)],
      [{ path: 'stops.0.fareToNextMinor', message: 'every segment needs a fare in minor units (0 or more)' }],
    ],
    [
      'an unsafe fare',
      [stop(0, 0, 2 ** 53), stop(30, 30, null)],
      [{ path: 'stops.0.fareToNextMinor', message: 'every segment needs a fare in minor units (0 or more)' }],
    ],
    ['a blank name', [stop(0, 0, 100, '  '), stop(30, 30, null)], [{ path: 'stops.0.name', message: 'a stop needs a name' }]],
    ['a blank city', [{ ...stop(0, 0, 100), city: ' ' }, stop(30, 30, null)], [{ path: 'stops.0.city', message: 'a stop needs a city' }]],
  ])('%s', (_name, stops, problems) => {
    expect(problemsOf(stops)).toEqual(problems);
  });
});
