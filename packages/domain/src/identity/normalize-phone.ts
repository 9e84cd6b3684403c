import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js/max';

/**
 * A phone number as typed ("077 123 4567", "+94 77 123 4567") → E.164
 * ("+94771234567"), or null when it is not a valid number. Numbers without a
 * country code are read in the configured default region.
 */
export function normalizePhone(input: string, defaultRegion: string): string | null {
  // Stryker disable next-line MethodExpression: equivalent — libphonenumber skips surrounding whitespace itself; the trim says what we rely on.
  const parsed = parsePhoneNumberFromString(input.trim(), defaultRegion as CountryCode);
  if (!parsed?.isValid()) return null;
  return parsed.number;
}

/** +94771234567 → +94*******567: enough to recognise, not enough to misuse (logs, audit). */
export function maskPhone(e164: string): string {
  return e164.length <= 4 ? '***' : `${e164.slice(0, 3)}${'*'.repeat(Math.max(0, e164.length - 6))}${e164.slice(-3)}`;
}
