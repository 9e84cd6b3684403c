import { formatMoney } from '../money/money';
import { dateTimeFormat } from '../time/intl-cache';

/** The languages Fareway writes to people in. English when a profile has none. */
export const NOTIFICATION_LOCALES = ['en', 'si', 'ta'] as const;
export type NotificationLocale = (typeof NOTIFICATION_LOCALES)[number];

/** BCP 47 tags for Intl: the Sri Lankan variants, so dates and digits read as people there expect. */
const INTL_TAG: Record<NotificationLocale, string> = { en: 'en-LK', si: 'si-LK', ta: 'ta-LK' };

export function isNotificationLocale(value: unknown): value is NotificationLocale {
  return typeof value === 'string' && (NOTIFICATION_LOCALES as readonly string[]).includes(value);
}

/** What every template formats with, bound to one locale. */
export interface Formatters {
  /** `LKR 12,500.50`: Intl in the amount's own currency and its exponent. */
  money(amountMinor: number, currency: string): string;
  /** The wall clock of `timeZone` with the zone named: `1 Dec 2026, 10:00 AM (Asia/Colombo)`. */
  time(at: Date, timeZone: string): string;
  /** `2026-11` → `November 2026` in the locale. */
  month(period: string): string;
  /** An absolute link into the customer app. */
  url(path: string): string;
}

/** Intl's no-break spaces (U+00A0, U+202F) as plain ones: an English SMS then stays GSM-7, one part instead of two. */
function plainSpaces(text: string): string {
  return text.replace(/[\u00a0\u202f]/g, ' ');
}

export function formattersFor(locale: NotificationLocale, publicUrl: string): Formatters {
  const tag = INTL_TAG[locale];
  const base = publicUrl.replace(/\/+$/, '');
  return {
    money: (amountMinor, currency) => plainSpaces(formatMoney(amountMinor, currency, tag)),
    time: (at, timeZone) =>
      `${plainSpaces(dateTimeFormat(tag, { timeZone, dateStyle: 'medium', timeStyle: 'short' }).format(at))} (${timeZone})`,
    month: (period) => {
      const [year, month] = period.split('-').map(Number);
      return plainSpaces(
        dateTimeFormat(tag, { timeZone: 'UTC', year: 'numeric', month: 'long' }).format(
          new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, 1)),
        ),
      );
    },
    url: (path) => `${base}${path.startsWith('/') ? path : `/${path}`}`,
  };
}

/**
 * The reference people quote for a booking: `FW-` and the last 8 hex digits of
 * its UUID v7 (the random part; the leading digits are a timestamp shared by
 * bookings made in the same millisecond).
 */
export function bookingReference(bookingId: string): string {
  return `FW-${bookingId.replaceAll('-', '').slice(-8).toUpperCase()}`;
}
