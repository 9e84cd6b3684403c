/** What becomes of an outbox message after a failed delivery attempt. */
export type AfterFailure = { status: 'queued'; nextAttemptAt: Date } | { status: 'failed' } | { status: 'dead' };

/** The longest wait between two attempts. */
export const MAX_RETRY_DELAY_SECONDS = 3600;

/**
 * A rejection (bad number, bad address) is final at once: `failed`. A transient
 * failure is retried with exponential backoff (base · 2^(attempt−1), at most an
 * hour) until `maxAttempts` attempts have been made: then `dead`.
 */
export function decideAfterFailure(input: {
  attempts: number;
  maxAttempts: number;
  retryable: boolean;
  baseDelaySeconds: number;
  now: Date;
}): AfterFailure {
  if (!input.retryable) return { status: 'failed' };
  if (input.attempts >= input.maxAttempts) return { status: 'dead' };
  const delay = Math.min(MAX_RETRY_DELAY_SECONDS, input.baseDelaySeconds * 2 ** Math.max(0, input.attempts - 1));
  return { status: 'queued', nextAttemptAt: new Date(input.now.getTime() + delay * 1000) };
}

/**
 * Which reminder is due for something starting at `startsAt`: the tightest lead
 * (in hours) whose window already holds the start, so a booking made 3 h ahead
 * gets the 24 h reminder at once and the 2 h one later — never both at once.
 * Null once it has started or while it is further away than every lead.
 */
export function reminderDue(startsAt: Date, now: Date, leadHours: readonly number[]): number | null {
  const untilMs = startsAt.getTime() - now.getTime();
  if (untilMs <= 0) return null;
  const fitting = leadHours.filter((lead) => untilMs <= lead * 3_600_000);
  return fitting.length === 0 ? null : Math.min(...fitting);
}
