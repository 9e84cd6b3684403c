/**
 * What a rental occupies: its own range plus the owner's turnaround buffer after it
 * (cleaning, refuelling). The database's exclusion constraint compares exactly
 * these half-open ranges, so this function and the SQL must agree.
 */
export function blockedPeriod(start: Date, end: Date, bufferMinutes: number): { start: Date; end: Date } {
  return { start, end: new Date(end.getTime() + bufferMinutes * 60_000) };
}

/** Half-open ranges [a.start, a.end) and [b.start, b.end) share an instant. */
export function periodsOverlap(a: { start: Date; end: Date }, b: { start: Date; end: Date }): boolean {
  return a.start.getTime() < b.end.getTime() && b.start.getTime() < a.end.getTime();
}

/** Seat legs are half-open stop ranges [from, to): 0→2 and 2→5 share no segment. */
export function legsOverlap(a: { fromStop: number; toStop: number }, b: { fromStop: number; toStop: number }): boolean {
  return a.fromStop < b.toStop && b.fromStop < a.toStop;
}
