import { numberFormat } from '../time/intl-cache';

/**
 * Money is an integer amount of minor units with its ISO 4217 currency beside it.
 * Rounding happens once, where an amount is decided, never when it is carried.
 */
export interface Money {
  amountMinor: number;
  currency: string;
}

/** Minor units per major unit. ISO 4217 exponents for the currencies Fareway serves; 2 otherwise. */
const EXPONENTS: Record<string, number> = { JPY: 0, KRW: 0, UGX: 0, RWF: 0, KWD: 3, BHD: 3, OMR: 3 };

export function currencyExponent(currency: string): number {
  return EXPONENTS[currency.toUpperCase()] ?? 2;
}

export function assertMinor(amountMinor: number): void {
  if (!Number.isSafeInteger(amountMinor)) {
    throw new RangeError(`money must be a safe integer of minor units, got ${amountMinor}`);
  }
}

/** Major units for clients that still read them (seed 000's `totalPrice`); exact, since minor units are integers. */
export function toMajorUnits(amountMinor: number, currency: string): number {
  assertMinor(amountMinor);
  return amountMinor / 10 ** currencyExponent(currency);
}

/**
 * Formats for people: `LKR 12,500.00`. Uses Intl so grouping and the symbol follow
 * the locale; the digits after the point follow the currency's exponent.
 */
export function formatMoney(amountMinor: number, currency: string, locale = 'en-US'): string {
  const digits = currencyExponent(currency);
  return numberFormat(locale, {
    style: 'currency',
    currency,
    currencyDisplay: 'code',
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(toMajorUnits(amountMinor, currency));
}
