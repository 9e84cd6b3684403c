import { currencyExponent, formatMoney as formatMoneyInDomain } from '@fareway/domain';

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

/**
 * Money for people: `LKR 12,500.00`. Amounts travel as integer minor units with
 * their currency; the digits after the point follow the currency's ISO 4217
 * exponent (the one table in `@fareway/domain`), never a float guess.
 */
export function formatMoney(amountMinor: number, currency: string): string {
  return formatMoneyInDomain(amountMinor, currency);
}

/**
 * The minor units a person typed in major units ("12,500.50" LKR → 1250050), or
 * null when it is not a positive amount with at most the currency's decimals.
 * Parsed as digits, not through a float, so 0.29 never becomes 28.999….
 */
export function parseMajorUnits(text: string, currency: string): number | null {
  const exponent = currencyExponent(currency);
  const cleaned = text.trim().replace(/[,\s]/g, '');
  const match = /^(\d+)(?:\.(\d*))?$/.exec(cleaned);
  if (!match) return null;
  const whole = match[1] ?? '0';
  const fraction = match[2] ?? '';
  if (fraction.length > exponent) return null;
  const minor = Number(whole + fraction.padEnd(exponent, '0'));
  return Number.isSafeInteger(minor) && minor > 0 ? minor : null;
}

/** Minor units shown as a plain major-unit number for an input's value ("12500.50"), no grouping or code. */
export function minorToInput(amountMinor: number, currency: string): string {
  const exponent = currencyExponent(currency);
  if (exponent === 0) return String(amountMinor);
  const digits = String(Math.abs(amountMinor)).padStart(exponent + 1, '0');
  return `${amountMinor < 0 ? '-' : ''}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}

const DATE_TIME: Intl.DateTimeFormatOptions = {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
};

/**
 * "Sat, 1 Feb 2026, 10:00" on the wall clock of `timeZone` (a vehicle's or a
 * trip's IANA zone), or the browser's own zone when none is given.
 */
export function formatDateTime(iso: string, timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  try {
    return date.toLocaleString(undefined, timeZone ? { ...DATE_TIME, timeZone } : DATE_TIME);
  } catch {
    // An unknown zone (RangeError): the browser's own clock is still a true statement of the instant.
    return date.toLocaleString(undefined, DATE_TIME);
  }
}

/** Just the time of day, "10:00", on the wall clock of `timeZone`. */
export function formatTime(iso: string, timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const options: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit' };
  try {
    return date.toLocaleTimeString(undefined, timeZone ? { ...options, timeZone } : options);
  } catch {
    return date.toLocaleTimeString(undefined, options);
  }
}

/** A countdown's "4:05" (minutes:seconds), or "1:02:03" past an hour. */
export function formatClock(seconds: number): string {
  const whole = Math.max(0, Math.ceil(seconds));
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = String(whole % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** "pending_review" → "Pending review": a server enum for people. */
export function humanize(value: string): string {
  const text = value.replace(/_/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
