const relativeFormat = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

const UNITS: ReadonlyArray<readonly [Intl.RelativeTimeFormatUnit, number]> = [
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
];

/** "5 seconds ago", "3 minutes ago", "now": how long before `reference` the instant `iso` was. */
export function formatRelative(iso: string, reference: string | number | Date): string {
  const seconds = Math.round((new Date(iso).getTime() - new Date(reference).getTime()) / 1000);
  if (!Number.isFinite(seconds)) return 'at an unknown time';
  const [unit, size] = UNITS.find(([, size]) => Math.abs(seconds) >= size) ?? ['second', 1];
  return relativeFormat.format(Math.trunc(seconds / size), unit);
}

/** A full local date and time, for tooltips and "checked at" lines. */
export function formatAbsolute(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
}

/**
 * A wait, in words: "1 second", "45 seconds", "3 minutes", "2 hours". Rounds
 * up, so the user is never told to come back too early.
 */
export function formatWait(seconds: number): string {
  const whole = Math.max(0, Math.ceil(seconds));
  const plural = (count: number, unit: string) => `${count} ${unit}${count === 1 ? '' : 's'}`;
  if (whole < 120) return plural(whole, 'second');
  if (whole < 7200) return plural(Math.ceil(whole / 60), 'minute');
  return plural(Math.ceil(whole / 3600), 'hour');
}

/**
 * A phone number for people to read: Sri Lankan numbers in E.164
 * (+94771234567) become "+94 77 123 4567"; anything else is shown as it is.
 */
export function formatPhone(phone: string): string {
  const lk = /^\+94(\d{2})(\d{3})(\d{4})$/.exec(phone);
  return lk ? `+94 ${lk[1]} ${lk[2]} ${lk[3]}` : phone;
}
