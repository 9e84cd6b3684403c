import { assertMinor, currencyExponent } from '@fareway/domain';

/**
 * Gateways speak major units ("1000.00", 1000.5); we keep integer minor units.
 * These conversions go through digits, never through float arithmetic, so an
 * amount survives the round trip exactly or is refused.
 */

/** 100050 LKR → "1000.50"; with `decimals` below the currency's exponent only whole amounts fit. */
export function formatDecimalAmount(amountMinor: number, currency: string, decimals = currencyExponent(currency)): string {
  assertMinor(amountMinor);
  if (amountMinor < 0) throw new RangeError(`amount must not be negative, got ${amountMinor}`);
  const exponent = currencyExponent(currency);
  const digits = String(amountMinor).padStart(exponent + 1, '0');
  const whole = digits.slice(0, digits.length - exponent);
  let fraction = digits.slice(digits.length - exponent);
  if (decimals >= exponent) {
    fraction = fraction.padEnd(decimals, '0');
  } else {
    const dropped = fraction.slice(decimals);
    if (/[^0]/.test(dropped)) throw new RangeError(`${amountMinor} ${currency} cannot be written with ${decimals} decimals`);
    fraction = fraction.slice(0, decimals);
  }
  return fraction === '' ? whole : `${whole}.${fraction}`;
}

const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

/**
 * "1000.50" LKR → 100050. Refuses signs, exponents, blanks and more significant
 * decimals than the currency has ("10.005" LKR), instead of rounding money.
 */
export function parseDecimalAmount(text: string, currency: string): number {
  const match = DECIMAL.exec(text);
  if (!match) throw new RangeError(`not a decimal amount: ${JSON.stringify(text)}`);
  const exponent = currencyExponent(currency);
  const whole = match[1] ?? '0';
  const fraction = match[2] ?? '';
  const significant = fraction.replace(/0+$/, '');
  if (significant.length > exponent) throw new RangeError(`${text} ${currency} has more decimals than the currency (${exponent})`);
  const minor = Number(`${whole}${significant.padEnd(exponent, '0')}`);
  if (!Number.isSafeInteger(minor)) throw new RangeError(`${text} ${currency} is too large`);
  return minor;
}

/**
 * A JSON number in major units (1000.5) → minor units. JavaScript prints a number
 * with the shortest digits that read back as the same number, so 1000.5 reads as
 * "1000.5"; a value that is not a short decimal (0.30000000000000004) is refused.
 */
export function parseNumericAmount(value: number, currency: string): number {
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`not an amount: ${value}`);
  return parseDecimalAmount(String(value), currency);
}
