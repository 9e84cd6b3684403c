import { z } from 'zod';

/**
 * Rules every input obeys, whichever procedure it reaches (REST and tRPC alike),
 * so hostile input is refused with VALIDATION_ERROR instead of reaching Postgres
 * and failing there as a 500.
 */

/** Years a date in an input may carry: Postgres and `Date#toISOString` agree on these (year 0 and 5+ digit years they do not). */
export const INPUT_YEARS = { min: 1900, max: 9999 } as const;

/** The highest `page` a list accepts: `(page - 1) * limit` stays far inside Postgres's integer range. */
export const MAX_PAGE = 1_000_000;

const NUL_OR_LONE_SURROGATE = /\0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export interface UnsafeString {
  path: string;
  message: string;
}

/**
 * The first string (value or key) carrying a NUL or a lone UTF-16 surrogate, with its
 * path. Postgres refuses NUL in text and jsonb, and lone surrogates cannot be encoded
 * as UTF-8. Iterative, so a deeply nested body cannot exhaust the stack.
 */
export function findUnsafeString(input: unknown): UnsafeString | null {
  const stack: Array<{ value: unknown; path: string }> = [{ value: input, path: '' }];
  const at = (path: string, key: string | number) => (path === '' ? String(key) : `${path}.${key}`);
  while (stack.length > 0) {
    const { value, path } = stack.pop() as { value: unknown; path: string };
    if (typeof value === 'string') {
      if (NUL_OR_LONE_SURROGATE.test(value)) return { path, message: 'must not contain NUL characters or unpaired UTF-16 surrogates' };
    } else if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) stack.push({ value: value[i], path: at(path, i) });
    } else if (typeof value === 'object' && value !== null) {
      for (const key of Object.keys(value)) {
        if (NUL_OR_LONE_SURROGATE.test(key))
          return {
            path: at(path, key.replace(NUL_OR_LONE_SURROGATE, '?')),
            message: 'a key must not contain NUL characters or unpaired UTF-16 surrogates',
          };
        stack.push({ value: (value as Record<string, unknown>)[key], path: at(path, key) });
      }
    }
  }
  return null;
}

const withinYears = (date: Date) => {
  const year = date.getUTCFullYear();
  return !Number.isNaN(year) && year >= INPUT_YEARS.min && year <= INPUT_YEARS.max;
};
const YEARS_MESSAGE = `the year must be between ${INPUT_YEARS.min} and ${INPUT_YEARS.max}`;

/** A date-time with its offset (`2026-02-01T10:00:00Z`, `2026-02-01T15:30:00+05:30`): a bare local time would be ambiguous. */
export const DateTimeInput = z.iso
  .datetime({ offset: true, message: 'expected an ISO 8601 date-time with offset, e.g. 2026-02-01T10:00:00Z' })
  .refine((value) => withinYears(new Date(value)), { message: YEARS_MESSAGE });

/** A calendar date, `YYYY-MM-DD`, that exists. */
export const DateInput = z.iso
  .date({ message: 'expected a date as YYYY-MM-DD' })
  .refine((value) => withinYears(new Date(`${value}T00:00:00Z`)), { message: YEARS_MESSAGE });
