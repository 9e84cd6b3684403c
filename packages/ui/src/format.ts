import { currencyExponent, formatMoney as formatMoneyInDomain } from '@fareway/domain';

/** The locale both SPAs format for until the user picks another (issue 13: en-LK by default). */
export const DEFAULT_LOCALE = 'en-LK';

/** The Intl locale of each language the apps speak: Sri Lankan English, Sinhala and Tamil. */
const LANGUAGE_LOCALES: Readonly<Record<string, string>> = { en: 'en-LK', si: 'si-LK', ta: 'ta-LK' };

/** The Intl locale of a language code ('si' → 'si-LK'); English (en-LK) for any other. */
export function localeForLanguage(language: string): string {
  return LANGUAGE_LOCALES[language] ?? DEFAULT_LOCALE;
}

let currentLocale = DEFAULT_LOCALE;

/**
 * Makes every formatter below follow the language the user chose (the web
 * app's i18n module calls this on each language change); zones are untouched.
 */
export function setFormatLocale(locale: string): void {
  currentLocale = locale;
}

/** The locale formatters use when none is passed: the user's language, en-LK until one is chosen. */
export function formatLocale(): string {
  return currentLocale;
}

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
  return new Intl.RelativeTimeFormat(currentLocale, { numeric: 'auto' }).format(Math.trunc(seconds / size), unit);
}

/** A full local date and time, for tooltips and "checked at" lines. */
export function formatAbsolute(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString(currentLocale, { dateStyle: 'medium', timeStyle: 'medium' });
}

/**
 * A wait, in words: "1 second", "45 seconds", "3 minutes", "2 hours". Rounds
 * up, so the user is never told to come back too early.
 */
export function formatWait(seconds: number): string {
  const whole = Math.max(0, Math.ceil(seconds));
  // Intl's unit formatting words (and pluralises) the wait in the user's language.
  const inUnit = (count: number, unit: string) =>
    new Intl.NumberFormat(currentLocale, { style: 'unit', unit, unitDisplay: 'long' }).format(count);
  if (whole < 120) return inUnit(whole, 'second');
  if (whole < 7200) return inUnit(Math.ceil(whole / 60), 'minute');
  return inUnit(Math.ceil(whole / 3600), 'hour');
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
export function formatMoney(amountMinor: number, currency: string, locale: string = currentLocale): string {
  return formatMoneyInDomain(amountMinor, currency, locale);
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

/** The browser's own IANA zone ("America/New_York"). */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** Whether `zone` is an IANA time zone this runtime knows ("Asia/Colombo" yes, "Mars/Olympus" no). */
export function isTimeZone(zone: string): boolean {
  if (zone.trim() === '') return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * How an instant is written on a zone's wall clock. Times use a 24-hour clock in
 * every locale ("10:00", never "10:00 AM"): timetables are read that way, and a
 * pick-up time typed as 10:00 reads back the same.
 */
const DATE_PARTS: Intl.DateTimeFormatOptions = { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' };
const TIME_PARTS: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };

type Instant = string | number | Date;

function toDate(instant: Instant): Date | null {
  const date = instant instanceof Date ? instant : new Date(instant);
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * Whether this runtime has the locale's words for dates. Chromium's ICU has no
 * Sinhala, so `si-LK` would quietly come out as "Sun, Feb 1": without the words,
 * dates are written in digits only (2026-02-01 10:00), readable in any language.
 */
function hasDateWords(locale: string): boolean {
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([locale]).length > 0;
  } catch {
    return false;
  }
}

function numericDateTime(date: Date, timeZone: string | undefined, options: Intl.DateTimeFormatOptions): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    ...(options.year ? { year: 'numeric', month: '2-digit', day: '2-digit' } : {}),
    ...(options.hour ? TIME_PARTS : {}),
  }).formatToParts(date);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  const day = options.year ? `${get('year')}-${get('month')}-${get('day')}` : '';
  const time = options.hour ? `${get('hour')}:${get('minute')}` : '';
  return [day, time].filter(Boolean).join(' ');
}

function localeString(date: Date, locale: string, options: Intl.DateTimeFormatOptions): string {
  return hasDateWords(locale) ? date.toLocaleString(locale, options) : numericDateTime(date, options.timeZone, options);
}

function formatIn(instant: Instant, zone: string, locale: string, viewerZone: string, options: Intl.DateTimeFormatOptions): string {
  const date = toDate(instant);
  if (!date) return String(instant);
  // An unknown zone (RangeError): the viewer's clock, named, is still a true statement of the instant.
  const known = isTimeZone(zone);
  const shownZone = known ? zone : viewerZone;
  const text = localeString(date, locale, { ...options, timeZone: shownZone });
  return shownZone === viewerZone ? text : `${text} (${shownZone})`;
}

/**
 * "Sun, 1 Feb 2026, 10:00" on the wall clock of `zone` (a vehicle's or a trip's
 * IANA zone), followed by " (Asia/Colombo)" when that is not the viewer's own
 * zone, so nobody mistakes it for their local time.
 */
export function formatDateTime(
  instant: Instant,
  zone: string,
  locale: string = currentLocale,
  viewerZone: string = browserTimeZone(),
): string {
  return formatIn(instant, zone, locale, viewerZone, { ...DATE_PARTS, ...TIME_PARTS });
}

/** Just the time of day, "10:00" (plus the zone's name when not the viewer's), on the wall clock of `zone`. */
export function formatTime(instant: Instant, zone: string, locale: string = currentLocale, viewerZone: string = browserTimeZone()): string {
  return formatIn(instant, zone, locale, viewerZone, TIME_PARTS);
}

/** Just the date, "Sun, 1 Feb 2026", on the wall clock of `zone` (no zone name: a date alone rarely misleads). */
export function formatDate(instant: Instant, zone: string, locale: string = currentLocale): string {
  const date = toDate(instant);
  if (!date) return String(instant);
  const options: Intl.DateTimeFormatOptions = { ...DATE_PARTS, timeZone: isTimeZone(zone) ? zone : undefined };
  return hasDateWords(locale) ? date.toLocaleDateString(locale, options) : numericDateTime(date, options.timeZone, options);
}

const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** The wall clock of `zone` at `epochMs`, read back as if it were UTC: the zone's offset is this minus epochMs. */
function wallClockAsUtc(epochMs: number, zone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(epochMs));
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
}

/**
 * The instant a wall-clock time ("2026-03-08T10:00", a `datetime-local` value)
 * names in `zone`, as an ISO string, or null when empty, malformed or the zone
 * is unknown. Around a DST change it does what a clock on the wall does
 * (Temporal's "compatible"): a time skipped by the spring gap is read as that
 * many minutes later (02:30 → 03:30), and a time that happens twice in autumn
 * as its first occurrence.
 */
export function zonedInputToInstant(value: string, zone: string): string | null {
  const match = WALL_CLOCK.exec(value.trim());
  if (!match || !isTimeZone(zone)) return null;
  const [, y, mo, d, h, mi, s] = match.map(Number) as number[];
  const wall = Date.UTC(y ?? 0, (mo ?? 1) - 1, d ?? 1, h ?? 0, mi ?? 0, s || 0);
  const check = new Date(wall);
  // Date.UTC rolls 31 Feb over into March: refuse what is not a calendar date.
  if (check.getUTCMonth() !== (mo ?? 1) - 1 || check.getUTCDate() !== d || (h ?? 0) > 23 || (mi ?? 0) > 59) return null;
  const DAY = 86_400_000;
  const offsetBefore = wallClockAsUtc(wall - DAY, zone) - (wall - DAY);
  const offsetAfter = wallClockAsUtc(wall + DAY, zone) - (wall + DAY);
  const candidates = [wall - offsetBefore, wall - offsetAfter].filter((t) => wallClockAsUtc(t, zone) === wall).sort((a, b) => a - b);
  // No candidate: the wall time falls in a spring-forward gap; the offset before the change moves it past the gap.
  return new Date(candidates[0] ?? wall - offsetBefore).toISOString();
}

/** The `datetime-local` value ("2026-02-01T10:00") of an instant on the wall clock of `zone`. */
export function instantToZonedInput(instant: Instant, zone: string): string {
  const date = toDate(instant);
  if (!date || !isTimeZone(zone)) return '';
  return new Date(wallClockAsUtc(date.getTime(), zone)).toISOString().slice(0, 16);
}

/** The `date` value ("2026-02-01") of an instant on the wall clock of `zone`. */
export function instantToZonedDate(instant: Instant, zone: string): string {
  return instantToZonedInput(instant, zone).slice(0, 10);
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
