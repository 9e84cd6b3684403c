import { dateTimeFormat } from './intl-cache';

/**
 * Wall-clock arithmetic in an IANA zone, for day rules ("per started day in the
 * vehicle's zone", "trips on this date"). A local day is 23, 24 or 25 hours long
 * across a DST change, so days are counted on the wall clock, not as 86 400 s.
 */
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  return dateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

export function wallTimeOf(instant: Date, timeZone: string): WallTime {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    // Stryker disable next-line ConditionalExpression,StringLiteral: equivalent — a literal part lands under a key nobody reads.
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
    millisecond: instant.getUTCMilliseconds(),
  };
}

function wallAsUtcMillis(wall: WallTime): number {
  return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second, wall.millisecond);
}

/** The zone's offset from UTC at `instant`, in milliseconds. */
export function zoneOffsetMillis(instant: Date, timeZone: string): number {
  return wallAsUtcMillis(wallTimeOf(instant, timeZone)) - instant.getTime();
}

/** The instant at which the zone's wall clock shows `wall` (the later one when a DST gap or fold makes it ambiguous). */
export function instantOfWallTime(wall: WallTime, timeZone: string): Date {
  const asUtc = wallAsUtcMillis(wall);
  let guess = asUtc - zoneOffsetMillis(new Date(asUtc), timeZone);
  guess = asUtc - zoneOffsetMillis(new Date(guess), timeZone);
  return new Date(guess);
}

/** The same wall-clock time `days` local days later. */
export function addLocalDays(instant: Date, days: number, timeZone: string): Date {
  const wall = wallTimeOf(instant, timeZone);
  const shifted = new Date(Date.UTC(wall.year, wall.month - 1, wall.day + days));
  return instantOfWallTime(
    { ...wall, year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() },
    timeZone,
  );
}

/** The local calendar date (YYYY-MM-DD) of an instant. */
export function localDateOf(instant: Date, timeZone: string): string {
  const { year, month, day } = wallTimeOf(instant, timeZone);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** [start, end) of a local calendar date (YYYY-MM-DD) as instants. */
export function localDayBounds(date: string, timeZone: string): { start: Date; end: Date } {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const start = instantOfWallTime({ year, month, day, hour: 0, minute: 0, second: 0, millisecond: 0 }, timeZone);
  return { start, end: addLocalDays(start, 1, timeZone) };
}
