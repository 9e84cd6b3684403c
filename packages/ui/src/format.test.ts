import { afterEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_LOCALE,
  formatDate,
  formatDateTime,
  formatLocale,
  formatMoney,
  formatTime,
  formatWait,
  instantToZonedInput,
  isTimeZone,
  localeForLanguage,
  setFormatLocale,
  zonedInputToInstant,
} from './format';

// Intl separates some parts with narrow or non-breaking spaces; compare on plain spaces.
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('formatDateTime and formatTime on the inventory zone', () => {
  it.each([
    // instant, zone, viewer zone, locale, date-time, time
    ['2026-02-01T04:30:00Z', 'Asia/Colombo', 'America/New_York', 'en-GB', 'Sun, 1 Feb 2026, 10:00 (Asia/Colombo)', '10:00 (Asia/Colombo)'],
    ['2026-02-01T04:30:00Z', 'Asia/Colombo', 'Asia/Colombo', 'en-GB', 'Sun, 1 Feb 2026, 10:00', '10:00'],
    ['2026-02-01T04:30:00Z', 'UTC', 'Asia/Colombo', 'en-GB', 'Sun, 1 Feb 2026, 04:30 (UTC)', '04:30 (UTC)'],
    // en-LK is a 12-hour locale; times still read on a 24-hour clock.
    ['2026-02-01T04:30:00Z', 'Asia/Colombo', 'UTC', 'en-LK', 'Sun, Feb 1, 2026, 10:00 (Asia/Colombo)', '10:00 (Asia/Colombo)'],
    // New York around its DST changes: EST (−5) before 8 March 2026, EDT (−4) after, EST again after 1 November.
    ['2026-03-08T06:59:00Z', 'America/New_York', 'UTC', 'en-GB', 'Sun, 8 Mar 2026, 01:59 (America/New_York)', '01:59 (America/New_York)'],
    ['2026-03-08T07:00:00Z', 'America/New_York', 'UTC', 'en-GB', 'Sun, 8 Mar 2026, 03:00 (America/New_York)', '03:00 (America/New_York)'],
    ['2026-11-01T05:30:00Z', 'America/New_York', 'UTC', 'en-GB', 'Sun, 1 Nov 2026, 01:30 (America/New_York)', '01:30 (America/New_York)'],
    ['2026-11-01T06:30:00Z', 'America/New_York', 'UTC', 'en-GB', 'Sun, 1 Nov 2026, 01:30 (America/New_York)', '01:30 (America/New_York)'],
    // Colombo has no DST: +05:30 all year, across midnight too.
    ['2026-07-15T19:00:00Z', 'Asia/Colombo', 'America/New_York', 'en-GB', 'Thu, 16 Jul 2026, 00:30 (Asia/Colombo)', '00:30 (Asia/Colombo)'],
  ])('%s in %s seen from %s (%s)', (instant, zone, viewer, locale, dateTime, time) => {
    expect(plain(formatDateTime(instant, zone, locale, viewer))).toBe(dateTime);
    expect(plain(formatTime(instant, zone, locale, viewer))).toBe(time);
  });

  it('names the viewer zone when the inventory zone is unknown, and leaves garbage as it came', () => {
    expect(plain(formatTime('2026-02-01T04:30:00Z', 'Mars/Olympus', 'en-GB', 'UTC'))).toBe('04:30');
    expect(formatDateTime('not a time', 'UTC', 'en-GB', 'UTC')).toBe('not a time');
  });

  it('formats the date alone on the zone wall clock', () => {
    expect(plain(formatDate('2026-07-15T19:00:00Z', 'Asia/Colombo', 'en-GB'))).toBe('Thu, 16 Jul 2026');
    expect(plain(formatDate('2026-07-15T19:00:00Z', 'America/New_York', 'en-GB'))).toBe('Wed, 15 Jul 2026');
  });
});

describe('zonedInputToInstant reads a wall-clock input in the inventory zone', () => {
  it.each([
    // typed wall clock, zone, instant
    ['2026-02-01T10:00', 'Asia/Colombo', '2026-02-01T04:30:00.000Z'],
    ['2026-02-01T00:15', 'Asia/Colombo', '2026-01-31T18:45:00.000Z'],
    ['2026-02-01T10:00', 'UTC', '2026-02-01T10:00:00.000Z'],
    ['2026-01-15T10:00', 'America/New_York', '2026-01-15T15:00:00.000Z'],
    ['2026-07-15T10:00', 'America/New_York', '2026-07-15T14:00:00.000Z'],
    // Spring forward: 02:00–02:59 do not exist on 8 March; 02:30 is read as 03:30 EDT.
    ['2026-03-08T01:59', 'America/New_York', '2026-03-08T06:59:00.000Z'],
    ['2026-03-08T02:30', 'America/New_York', '2026-03-08T07:30:00.000Z'],
    ['2026-03-08T03:00', 'America/New_York', '2026-03-08T07:00:00.000Z'],
    // Fall back: 01:30 happens twice on 1 November; the first (EDT) is meant.
    ['2026-11-01T01:30', 'America/New_York', '2026-11-01T05:30:00.000Z'],
    ['2026-11-01T02:00', 'America/New_York', '2026-11-01T07:00:00.000Z'],
    ['2026-02-01T10:00:30', 'UTC', '2026-02-01T10:00:30.000Z'],
  ])('%s in %s is %s', (typed, zone, instant) => {
    expect(zonedInputToInstant(typed, zone)).toBe(instant);
  });

  it.each([
    ['', 'UTC'],
    ['2026-02-30T10:00', 'UTC'],
    ['2026-02-01T24:00', 'UTC'],
    ['2026-02-01 10:00', 'UTC'],
    ['2026-02-01T10:00', 'Mars/Olympus'],
    ['2026-02-01T10:00', ''],
  ])('refuses %j in %j', (typed, zone) => {
    expect(zonedInputToInstant(typed, zone)).toBeNull();
  });

  it.each([
    ['2026-02-01T04:30:00.000Z', 'Asia/Colombo'],
    ['2026-03-08T07:30:00.000Z', 'America/New_York'],
    ['2026-11-01T05:30:00.000Z', 'America/New_York'],
    ['2026-11-01T07:00:00.000Z', 'America/New_York'],
    ['2026-12-31T23:59:00.000Z', 'UTC'],
  ])('round-trips %s through the %s input value', (instant, zone) => {
    expect(zonedInputToInstant(instantToZonedInput(instant, zone), zone)).toBe(instant);
  });

  it('knows the IANA zones', () => {
    expect(isTimeZone('Asia/Colombo')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(isTimeZone(' ')).toBe(false);
  });
});

describe('formatMoney with the locale', () => {
  it.each([
    [1_900_000, 'LKR', 'en-LK', 'LKR 19,000.00'],
    [1_900_000, 'LKR', 'en-GB', 'LKR 19,000.00'],
    [500, 'JPY', 'en-LK', 'JPY 500'],
    [1_234, 'KWD', 'en-GB', 'KWD 1.234'],
    [-2_50, 'USD', 'en-GB', '-USD 2.50'],
  ])('%i %s in %s is %s', (minor, currency, locale, text) => {
    expect(plain(formatMoney(minor, currency, locale))).toBe(text);
  });
});

describe('the formatters follow the chosen language', () => {
  afterEach(() => setFormatLocale(DEFAULT_LOCALE));

  it.each([
    // language, date-time in Colombo seen from New York, the date there, the time there, money, a wait
    ['en', 'en-LK', 'Sun, Feb 1, 2026, 10:00 (Asia/Colombo)', 'Sat, Jan 31, 2026', '23:30', 'LKR 12,500.00', '3 minutes'],
    ['si', 'si-LK', '2026 නවම් 1, ඉරිදා, 10.00 (Asia/Colombo)', '2026 දුරුතු 31, සෙන', '23.30', 'LKR 12,500.00', 'මිනිත්තු 3'],
    ['ta', 'ta-LK', 'ஞாயி., 1 பிப்., 2026, 10:00 (Asia/Colombo)', 'சனி, 31 ஜன., 2026', '23:30', 'LKR 12,500.00', '3 நிமிடங்கள்'],
    // A language the apps do not speak formats as Sri Lankan English.
    ['fr', 'en-LK', 'Sun, Feb 1, 2026, 10:00 (Asia/Colombo)', 'Sat, Jan 31, 2026', '23:30', 'LKR 12,500.00', '3 minutes'],
  ])('%s formats as %s, zones unchanged', (language, locale, dateTime, date, time, money, wait) => {
    expect(localeForLanguage(language)).toBe(locale);
    setFormatLocale(localeForLanguage(language));
    expect(formatLocale()).toBe(locale);
    const instant = '2026-02-01T04:30:00Z';
    expect(plain(formatDateTime(instant, 'Asia/Colombo', undefined, 'America/New_York'))).toBe(dateTime);
    expect(plain(formatDate(instant, 'America/New_York'))).toBe(date);
    expect(plain(formatTime(instant, 'America/New_York', undefined, 'America/New_York'))).toBe(time);
    expect(plain(formatMoney(1_250_000, 'LKR'))).toBe(money);
    expect(plain(formatWait(150))).toBe(wait);
  });

  it('writes dates in digits when the runtime has no words for the locale (Chromium has no Sinhala)', () => {
    const instant = '2026-02-01T04:30:00Z';
    expect(formatDateTime(instant, 'Asia/Colombo', 'xx-ZZ', 'America/New_York')).toBe('2026-02-01 10:00 (Asia/Colombo)');
    expect(formatTime(instant, 'Asia/Colombo', 'xx-ZZ', 'Asia/Colombo')).toBe('10:00');
    expect(formatDate(instant, 'America/New_York', 'xx-ZZ')).toBe('2026-01-31');
  });

  it('starts in en-LK, and an explicit locale still wins', () => {
    expect(formatLocale()).toBe('en-LK');
    setFormatLocale('ta-LK');
    expect(plain(formatTime('2026-02-01T04:30:00Z', 'Asia/Colombo', 'en-GB', 'Asia/Colombo'))).toBe('10:00');
  });
});
