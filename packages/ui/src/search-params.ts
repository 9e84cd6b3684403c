import { z } from 'zod';

/**
 * Pieces of the search-param schemas both SPAs validate their URLs with
 * (TanStack Router `validateSearch`). A bad or hand-edited value falls back to
 * "not given" instead of an error page: a shared link always opens.
 * The router parses values as JSON first, so `?q=123` arrives as a number.
 */

/** A page number, 1 or more. */
export const pageParam = z.number().int().min(1).max(100_000).optional().catch(undefined);

/** Free text (a search term, a city), trimmed; empty means not given. */
export const textParam = z
  .union([z.string(), z.number()])
  .transform((value) => String(value).trim())
  .pipe(z.string().max(200))
  .transform((value) => (value === '' ? undefined : value))
  .optional()
  .catch(undefined);

/** One of a list of values (a status filter). */
export function enumParam<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values).optional().catch(undefined);
}

/** A calendar date, "2026-02-01". */
export const dateParam = z.iso.date().optional().catch(undefined);

/** A wall-clock time for a `datetime-local` input, "2026-02-01T10:00". */
export const wallClockParam = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/)
  .optional()
  .catch(undefined);

/** A small whole number (seats, a stop's position). */
export const countParam = z.number().int().min(0).max(1_000).optional().catch(undefined);

/** A table's sort, "column.asc" or "column.desc". */
export const sortParam = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9]*\.(asc|desc)$/)
  .optional()
  .catch(undefined);

/** The sort param of `sortParam` as TanStack Table's sorting state, and back. */
export function sortingFromParam(sort: string | undefined): Array<{ id: string; desc: boolean }> {
  if (!sort) return [];
  const [id = '', direction] = sort.split('.');
  return [{ id, desc: direction === 'desc' }];
}

export function sortingToParam(sorting: ReadonlyArray<{ id: string; desc: boolean }>): string | undefined {
  const first = sorting[0];
  return first ? `${first.id}.${first.desc ? 'desc' : 'asc'}` : undefined;
}
