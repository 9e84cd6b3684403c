/** A settlement period is a calendar month in UTC, written `YYYY-MM`. */
const PERIOD = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isSettlementPeriod(value: string): boolean {
  return PERIOD.test(value);
}

/** [start, end) of the month in UTC. */
export function periodRange(period: string): { start: Date; end: Date } {
  const match = PERIOD.exec(period);
  if (!match) throw new RangeError(`not a period (YYYY-MM): ${period}`);
  const year = Number(match[1]);
  const month = Number(match[2]) - 1;
  return { start: new Date(Date.UTC(year, month, 1)), end: new Date(Date.UTC(year, month + 1, 1)) };
}

/** The month before the one `at` falls in (what the monthly run on the 1st settles). */
export function previousPeriod(at: Date): string {
  const d = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() - 1, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** A month can be settled once it is over: later journals of an open month would miss an approved statement. */
export function periodIsClosed(period: string, now: Date): boolean {
  return periodRange(period).end.getTime() <= now.getTime();
}
