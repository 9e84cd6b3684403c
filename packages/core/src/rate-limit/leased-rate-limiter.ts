import { type Database, rawClient } from '@fareway/db';
import type { Clock } from '../clock';
import type { Logger } from '../logger';

export interface RateLimitDecision {
  allowed: boolean;
  limit: number;
  /** Hits left in this window, as far as this process knows. */
  remaining: number;
  /** Seconds until the window ends (Retry-After when refused). */
  resetSeconds: number;
}

interface Bucket {
  window: number;
  limit: number;
  /** Hits this process may still admit from what it leased. */
  budget: number;
  /** The key's count in Postgres after this process's last lease (every process's leases). */
  claimed: number;
  /** Postgres granted less than asked: the window is used up everywhere. */
  exhausted: boolean;
  pending: Promise<void> | null;
}

interface LeaseRequest {
  key: string;
  bucket: Bucket;
  size: number;
  /** The first lease of a window is spent before it is confirmed (the hot path never waits for it). */
  optimistic: boolean;
  done: () => void;
}

export interface LeasedRateLimiterOptions {
  windowSeconds?: number;
  /** A lease is 1/leaseDivisor of the limit (at least 1): the bigger, the fewer round trips, the looser across processes. */
  leaseDivisor?: number;
  maxKeys?: number;
  log?: Logger;
}

/**
 * Fixed-window request limits decided in memory and reconciled with Postgres
 * in the background (issue 15 item 3, issue 16). Each process admits hits from
 * leases it takes from the key's row in `rate_limit_buckets` (one batched
 * upsert per event-loop turn for every key that needs one); it asks for the
 * next lease when half the current one is spent, so the hot path waits only
 * when a client outruns a round trip. Postgres grants no more than the limit
 * in total, so every process together admits at most `limit` plus, per
 * process, the one lease it spends optimistically at the start of a window
 * (exact with one process). Windows are aligned to the clock, so every
 * process counts the same window.
 */
export class LeasedRateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private queue: LeaseRequest[] = [];
  private scheduled = false;
  private readonly windowMs: number;
  private readonly divisor: number;
  private readonly maxKeys: number;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly options: LeasedRateLimiterOptions = {},
  ) {
    this.windowMs = (options.windowSeconds ?? 60) * 1000;
    this.divisor = options.leaseDivisor ?? 16;
    this.maxKeys = options.maxKeys ?? 50_000;
  }

  /** Counts one hit of `key` against `limit` per window. */
  async hit(key: string, limit: number): Promise<RateLimitDecision> {
    const now = this.clock.now().getTime();
    const window = Math.floor(now / this.windowMs);
    const size = Math.max(1, Math.ceil(limit / this.divisor));
    let bucket = this.buckets.get(key);
    if (!bucket || bucket.window !== window || bucket.limit !== limit) {
      if (this.buckets.size >= this.maxKeys) this.forgetOldWindows(window);
      bucket = { window, limit, budget: size, claimed: size, exhausted: false, pending: null };
      this.buckets.set(key, bucket);
      this.lease(key, bucket, size, true);
    }
    // Out of lease: wait for the next (each round either grants or marks the window used up).
    while (bucket.budget <= 0 && !bucket.exhausted) {
      if (!bucket.pending) this.lease(key, bucket, size, false);
      await bucket.pending;
    }
    const resetSeconds = Math.max(1, Math.ceil(((window + 1) * this.windowMs - now) / 1000));
    if (bucket.budget <= 0) return { allowed: false, limit, remaining: 0, resetSeconds };
    bucket.budget -= 1;
    if (bucket.budget <= size / 2 && !bucket.pending && !bucket.exhausted) this.lease(key, bucket, size, false);
    return { allowed: true, limit, remaining: Math.max(0, limit - (bucket.claimed - bucket.budget)), resetSeconds };
  }

  private lease(key: string, bucket: Bucket, size: number, optimistic: boolean): void {
    bucket.pending = new Promise<void>((done) => {
      this.queue.push({ key, bucket, size, optimistic, done });
    });
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => void this.flush());
    }
  }

  /** One upsert for every lease asked for since the last turn. */
  private async flush(): Promise<void> {
    this.scheduled = false;
    const batch = this.queue;
    this.queue = [];
    const keys = batch.map((r) => `http:${r.key}:${r.bucket.window}`);
    const rows = JSON.stringify(
      batch.map((r, i) => ({
        key: keys[i],
        starts: new Date(r.bucket.window * this.windowMs).toISOString(),
        ends: new Date((r.bucket.window + 1) * this.windowMs).toISOString(),
        size: r.size,
      })),
    );
    let counts: Map<string, number> | null = null;
    try {
      const sql = rawClient(this.db);
      const leased = await sql<Array<{ key: string; count: number }>>`
        insert into rate_limit_buckets as b (key, window_started_at, count, expires_at)
        select key, starts, size, ends from json_to_recordset(${rows}::json) as r(key text, starts timestamptz, size int, ends timestamptz)
        on conflict (key) do update set count = b.count + excluded.count
        returning key, count`;
      counts = new Map(leased.map((r) => [r.key, r.count]));
    } catch (error) {
      // Postgres unreachable: each process keeps deciding alone (the limit holds per process).
      this.options.log?.warn({ err: error }, 'rate limit leases failed; limiting in this process only');
    }
    batch.forEach((request, i) => {
      const { bucket, size } = request;
      // The key's count after this lease; without an answer, as if this process were alone.
      const count = counts?.get(keys[i] as string) ?? bucket.claimed + (request.optimistic ? 0 : size);
      // What Postgres granted: the lease, less whatever it would take past the limit.
      const granted = Math.min(size, Math.max(0, bucket.limit - (count - size)));
      bucket.claimed = count;
      bucket.budget += request.optimistic ? granted - size : granted;
      if (granted < size) bucket.exhausted = true;
      bucket.pending = null;
      request.done();
    });
  }

  private forgetOldWindows(window: number): void {
    for (const [key, bucket] of this.buckets) if (bucket.window !== window) this.buckets.delete(key);
    // Still full of live keys (a flood of addresses): start over rather than grow; Postgres still counts them.
    if (this.buckets.size >= this.maxKeys) this.buckets.clear();
  }
}
