/** Date helpers for form inputs. `datetime-local` and `date` inputs speak the browser's wall clock. */

const pad = (n: number) => String(n).padStart(2, '0');

/** "2026-02-01T10:00" for a `datetime-local` input, on the browser's clock. */
export function toLocalInput(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** "2026-02-01" for a `date` input, on the browser's clock. */
export function toDateInput(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/**
 * The instant a `datetime-local` value names on the browser's clock, as an ISO
 * string with offset (the API refuses bare local times), or null when empty or invalid.
 */
export function fromLocalInput(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** A rental's default range: tomorrow 10:00 for two days. */
export function defaultRentalRange(now = new Date()): { start: string; end: string } {
  const start = new Date(now);
  start.setDate(start.getDate() + 1);
  start.setHours(10, 0, 0, 0);
  const end = new Date(start);
  end.setDate(end.getDate() + 2);
  return { start: toLocalInput(start), end: toLocalInput(end) };
}
