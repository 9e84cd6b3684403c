import { AppError } from '@fareway/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consumeRateLimit, enforceRateLimit, pruneRateLimits } from '../src';
import { createTestDeps, type TestDeps } from '../src/testing';

let deps: TestDeps;
beforeAll(async () => {
  deps = await createTestDeps();
});
afterAll(async () => {
  await deps.cleanup();
});

describe('the Postgres rate limiter', () => {
  it('lets exactly `limit` hits through when many arrive at once', async () => {
    const rule = { key: 'test:burst', limit: 10, windowSeconds: 60 };
    const results = await Promise.all(Array.from({ length: 60 }, () => consumeRateLimit(deps, rule)));
    expect(results.filter((r) => r.allowed)).toHaveLength(10);
    // Every hit was counted once: the counts are exactly 1..60.
    expect(results.map((r) => r.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
  });

  it('holds across separate connection pools, as it would across server processes', async () => {
    const { connectDatabase } = await import('@fareway/db');
    const other = connectDatabase(deps.database.url, { max: 5 });
    try {
      const rule = { key: 'test:two-processes', limit: 7, windowSeconds: 60 };
      const results = await Promise.all(
        Array.from({ length: 30 }, (_, i) => consumeRateLimit(i % 2 === 0 ? deps : { db: other.db, clock: deps.clock }, rule)),
      );
      expect(results.filter((r) => r.allowed)).toHaveLength(7);
    } finally {
      await other.close();
    }
  });

  it('opens a new window once the old one has passed, and says when to retry', async () => {
    const rule = { key: 'test:window', limit: 2, windowSeconds: 300 };
    await enforceRateLimit(deps, rule);
    deps.clock.advance(100_000);
    await enforceRateLimit(deps, rule);
    const refused = await enforceRateLimit(deps, rule).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 200 });
    deps.clock.advance(200_000);
    const fresh = await enforceRateLimit(deps, rule);
    expect(fresh).toMatchObject({ allowed: true, count: 1, remaining: 1 });
  });

  it("refuses with the rule's own code", async () => {
    const rule = { key: 'test:otp', limit: 0, windowSeconds: 60, code: 'OTP_RATE_LIMIT' as const };
    await expect(enforceRateLimit(deps, rule)).rejects.toMatchObject({ code: 'OTP_RATE_LIMIT', retryAfterSeconds: 60 });
  });

  it('prunes only windows that have ended', async () => {
    await consumeRateLimit(deps, { key: 'test:old', limit: 1, windowSeconds: 10 });
    await consumeRateLimit(deps, { key: 'test:young', limit: 1, windowSeconds: 3_600 });
    deps.clock.advance(11_000);
    await pruneRateLimits(deps);
    const keys = (await deps.database.sql<Array<{ key: string }>>`select key from rate_limit_buckets`).map((r) => r.key);
    expect(keys).not.toContain('test:old');
    expect(keys).toContain('test:young');
  });
});
