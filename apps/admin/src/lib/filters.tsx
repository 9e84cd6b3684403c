import { Button } from '@fareway/ui';
import type { FormEvent, ReactNode } from 'react';

/**
 * A list's filter form. Its fields are uncontrolled and start from the URL's
 * values (remount with `key` when the URL changes); submitting hands the
 * non-empty values to `onApply`, which puts them in the URL — the URL is the state.
 */
export function FilterForm({
  label,
  onApply,
  onClear,
  busy,
  children,
}: {
  label: string;
  onApply: (values: Record<string, string | undefined>) => void;
  onClear: () => void;
  busy: boolean;
  children: ReactNode;
}) {
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const values: Record<string, string | undefined> = {};
    for (const [key, value] of new FormData(event.currentTarget)) {
      const text = String(value).trim();
      values[key] = text === '' ? undefined : text;
    }
    onApply(values);
  }
  return (
    <form className="admin-filters" onSubmit={onSubmit} aria-label={label}>
      {children}
      <div className="admin-filters__actions">
        <Button type="submit" variant="secondary" busy={busy} busyLabel="Filtering…">
          Filter
        </Button>
        <Button variant="link" onClick={onClear}>
          Clear
        </Button>
      </div>
    </form>
  );
}

/** "2026-03-01" + days, as a calendar date. */
function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * The URL's calendar dates as the instants the server filters on: from the
 * start of `from` to the end of `to` (inclusive) on the console's wall clock.
 */
export function dayRange(
  from: string | undefined,
  to: string | undefined,
  zone: string,
  toInstant: (wall: string, zone: string) => string | null,
) {
  return {
    from: from ? (toInstant(`${from}T00:00`, zone) ?? undefined) : undefined,
    to: to ? (toInstant(`${addDays(to, 1)}T00:00`, zone) ?? undefined) : undefined,
  };
}

/** Options of a status-like select: "Any" first. */
export function optionsOf(values: readonly string[], label: (value: string) => string) {
  return [{ value: '', label: 'Any' }, ...values.map((value) => ({ value, label: label(value) }))];
}
