/**
 * Intl formatters built once per locale and options: constructing one costs far
 * more than formatting with it (it was the largest single cost of a hold, which
 * renders its notice in the transaction). Bounded: at most MAX_FORMATTERS kept,
 * the oldest dropped first, so arbitrary zones or locales cannot grow memory.
 */
export const MAX_FORMATTERS = 256;

const numberFormats = new Map<string, Intl.NumberFormat>();
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

function cached<F>(cache: Map<string, F>, key: string, build: () => F): F {
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  // Built before anything is evicted: an invalid zone or locale throws and leaves the cache as it was.
  const made = build();
  if (cache.size >= MAX_FORMATTERS) cache.delete(cache.keys().next().value as string);
  cache.set(key, made);
  return made;
}

export function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  return cached(numberFormats, `${locale}\u0000${JSON.stringify(options)}`, () => new Intl.NumberFormat(locale, options));
}

export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return cached(dateTimeFormats, `${locale}\u0000${JSON.stringify(options)}`, () => new Intl.DateTimeFormat(locale, options));
}

/** How many formatters are kept (for the bound's test). */
export function cachedFormatterCount(): { number: number; dateTime: number } {
  return { number: numberFormats.size, dateTime: dateTimeFormats.size };
}
