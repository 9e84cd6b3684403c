import { type DatabaseOrTransaction, rawClient } from '@fareway/db';
import { AppError, type ErrorCode } from '@fareway/domain';
import type { Deps } from '../deps';

export interface RateLimitRule {
  /** What is counted, e.g. `otp:phone:+94770000001` or `http:ip:203.0.113.9`. */
  key: string;
  limit: number;
  windowSeconds: number;
  /** The code a refusal carries (RATE_LIMITED unless the feature has its own, like OTP_RATE_LIMIT). */
  code?: ErrorCode;
}

export interface RateLimitResult {
  allowed: boolean;
  count: number;
  remaining: number;
  resetAt: Date;
  retryAfterSeconds: number;
}

/**
 * Counts one hit against a fixed window kept in Postgres, so the limit holds
 * across every server process. One statement: an upsert that starts a new
 * window when the old one has passed, atomic under concurrency.
 */
export async function consumeRateLimit(
  deps: { db: DatabaseOrTransaction; clock: Deps['clock'] },
  rule: RateLimitRule,
): Promise<RateLimitResult> {
  const now = deps.clock.now();
  const sql = rawClient(deps.db);
  // Explicit casts: the server cannot infer a parameter's type inside CASE.
  const at = now.toISOString();
  const until = new Date(now.getTime() + rule.windowSeconds * 1000).toISOString();
  const [row] = await sql<Array<{ count: number; window_started_at: Date }>>`
    insert into rate_limit_buckets as b (key, window_started_at, count, expires_at)
    values (${rule.key}, ${at}::timestamptz, 1, ${until}::timestamptz)
    on conflict (key) do update set
      count = case when b.expires_at <= ${at}::timestamptz then 1 else b.count + 1 end,
      window_started_at = case when b.expires_at <= ${at}::timestamptz then ${at}::timestamptz else b.window_started_at end,
      expires_at = case when b.expires_at <= ${at}::timestamptz then excluded.expires_at else b.expires_at end
    returning count, window_started_at`;
  if (!row) throw new Error('rate limit upsert returned no row');
  const resetAt = new Date(new Date(row.window_started_at).getTime() + rule.windowSeconds * 1000);
  const retryAfterSeconds = Math.max(1, Math.ceil((resetAt.getTime() - now.getTime()) / 1000));
  return {
    allowed: row.count <= rule.limit,
    count: row.count,
    remaining: Math.max(0, rule.limit - row.count),
    resetAt,
    retryAfterSeconds,
  };
}

/** As consumeRateLimit, but a refusal throws the rule's AppError with `Retry-After`. */
export async function enforceRateLimit(
  deps: { db: DatabaseOrTransaction; clock: Deps['clock'] },
  rule: RateLimitRule,
): Promise<RateLimitResult> {
  const result = await consumeRateLimit(deps, rule);
  if (!result.allowed) {
    throw new AppError(rule.code ?? 'RATE_LIMITED', 'Too many requests; try again later', {
      retryAfterSeconds: result.retryAfterSeconds,
    });
  }
  return result;
}
