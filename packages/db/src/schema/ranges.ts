import { customType } from 'drizzle-orm/pg-core';

/**
 * Range columns Drizzle has no type for. Values travel as Postgres range
 * literals ('[2026-03-01T10:00:00.000Z,2026-03-02T10:00:00.000Z)', '[0,2)'),
 * always half-open so adjacent ranges never overlap.
 */
export const tstzrange = customType<{ data: string; driverData: string }>({
  dataType: () => 'tstzrange',
});

export const int4range = customType<{ data: string; driverData: string }>({
  dataType: () => 'int4range',
});

export function tstzRangeLiteral(start: Date, end: Date): string {
  return `[${start.toISOString()},${end.toISOString()})`;
}

export function intRangeLiteral(from: number, to: number): string {
  return `[${from},${to})`;
}

/**
 * `{a,b,c}`: many ids (or codes) as one array parameter (`${arrayLiteral(ids)}::uuid[]`) instead of one
 * parameter each. Only plain tokens (UUIDs, codes): anything that would need quoting is refused, not escaped.
 */
export function arrayLiteral(values: readonly string[]): string {
  const bad = values.find((v) => !/^[\w.:-]+$/.test(v));
  if (bad !== undefined) throw new Error(`not a plain array element: ${JSON.stringify(bad)}`);
  return `{${values.join(',')}}`;
}
