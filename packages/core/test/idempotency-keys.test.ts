import { connectDatabase } from '@fareway/db';
import { AppError } from '@fareway/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  canonicalJson,
  claimIdempotencyKey,
  completeIdempotencyKey,
  DEFAULT_IDEMPOTENCY_TIMINGS,
  hashIdempotentRequest,
  type IdempotencyClaim,
  parseIdempotencyKey,
  pruneIdempotencyKeys,
  releaseIdempotencyKey,
} from '../src';
import { createTestDeps, type TestDeps } from '../src/testing';

let deps: TestDeps;
beforeAll(async () => {
  deps = await createTestDeps();
});
afterAll(async () => {
  await deps.cleanup();
});

const timings = DEFAULT_IDEMPOTENCY_TIMINGS;
const HASH_A = 'a'.repeat(64);
const HASH_B = 'b'.repeat(64);
const response = {
  status: 201,
  headers: { 'content-type': 'application/json; charset=utf-8' },
  body: '{"success":true,"data":{"id":"x"}}',
};

async function claimed(scope: string, key: string, requestHash = HASH_A): Promise<IdempotencyClaim> {
  const outcome = await claimIdempotencyKey(deps, { scope, key, requestHash }, timings);
  if (outcome.kind !== 'claimed') throw new Error(`expected a claim, got ${outcome.kind}`);
  return outcome.claim;
}

async function rows(scope: string) {
  return deps.database.sql<Array<{ key: string; status: string; request_hash: string }>>`
    select key, status, request_hash from idempotency_keys where scope = ${scope} order by key`;
}

describe('the Idempotency-Key header', () => {
  it.each([
    ['a', true],
    ['550e8400-e29b-41d4-a716-446655440000', true],
    ['x'.repeat(255), true],
    ['with spaces and ~!@#$%^&*()', true],
    ['', false],
    ['x'.repeat(256), false],
    ['tab\there', false],
    ['naïve', false],
  ])('%j is valid: %s', (value, valid) => {
    if (valid) expect(parseIdempotencyKey(value)).toBe(value);
    else expect(() => parseIdempotencyKey(value)).toThrow(AppError);
  });

  it('refuses several values and a missing one with VALIDATION_ERROR', () => {
    for (const value of [['a', 'b'], undefined]) {
      try {
        parseIdempotencyKey(value);
        expect.unreachable();
      } catch (error) {
        expect(error).toMatchObject({ code: 'VALIDATION_ERROR', details: [{ path: 'Idempotency-Key' }] });
      }
    }
  });
});

describe('the request hash', () => {
  const base = { method: 'POST', url: '/api/v1/organizations', body: '{"name":"Lanka Lines","timeZone":"Asia/Colombo"}' };

  it('ignores key order and whitespace in a JSON body, at every depth', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}');
    const reordered = { ...base, body: Buffer.from('{ "timeZone": "Asia/Colombo",\n "name": "Lanka Lines" }') };
    expect(hashIdempotentRequest(reordered)).toBe(hashIdempotentRequest(base));
    expect(hashIdempotentRequest({ ...base, body: { timeZone: 'Asia/Colombo', name: 'Lanka Lines' } })).toBe(hashIdempotentRequest(base));
  });

  it.each([
    ['another body', { body: '{"name":"Lanka Lines","timeZone":"Asia/Dubai"}' }],
    ['another path', { url: '/api/v1/organizations/0195/members' }],
    ['another method', { method: 'PUT' }],
    ['another query', { url: '/api/v1/organizations?dryRun=1' }],
    ['no body', { body: undefined }],
    ['a non-JSON body', { body: 'name=Lanka+Lines' }],
  ])('changes with %s', (_label, change) => {
    expect(hashIdempotentRequest({ ...base, ...change })).not.toBe(hashIdempotentRequest(base));
  });
});

describe('claiming a key', () => {
  it('lets exactly one of 50 concurrent claims through, across two connection pools', async () => {
    const other = connectDatabase(deps.database.url, { max: 5 });
    try {
      const outcomes = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          claimIdempotencyKey(
            i % 2 ? deps : { db: other.db, clock: deps.clock },
            { scope: 'user:race', key: 'k1', requestHash: HASH_A },
            timings,
          ),
        ),
      );
      expect(outcomes.filter((o) => o.kind === 'claimed')).toHaveLength(1);
      expect(outcomes.filter((o) => o.kind === 'running')).toHaveLength(49);
      expect(await rows('user:race')).toEqual([{ key: 'k1', status: 'running', request_hash: HASH_A }]);
    } finally {
      await other.close();
    }
  });

  it('replays the stored response, refuses another request, and keeps scopes apart', async () => {
    const claim = await claimed('user:one', 'k');
    expect(await claimIdempotencyKey(deps, { scope: 'user:one', key: 'k', requestHash: HASH_B }, timings)).toEqual({ kind: 'mismatch' });
    expect(await completeIdempotencyKey(deps, claim, response)).toBe(true);
    expect(await claimIdempotencyKey(deps, { scope: 'user:one', key: 'k', requestHash: HASH_A }, timings)).toEqual({
      kind: 'completed',
      response,
    });
    expect(await claimIdempotencyKey(deps, { scope: 'user:one', key: 'k', requestHash: HASH_B }, timings)).toEqual({ kind: 'mismatch' });
    // The same key under another caller is another key.
    expect((await claimIdempotencyKey(deps, { scope: 'user:two', key: 'k', requestHash: HASH_B }, timings)).kind).toBe('claimed');
  });

  it('lets a retry take over a crashed run past locked_until, and fences the late first run out', async () => {
    const first = await claimed('user:crash', 'k');
    expect((await claimIdempotencyKey(deps, { scope: 'user:crash', key: 'k', requestHash: HASH_A }, timings)).kind).toBe('running');
    deps.clock.advance(timings.lockSeconds * 1000);
    // Another request under a stale claim is still refused: the key belongs to the first request.
    expect(await claimIdempotencyKey(deps, { scope: 'user:crash', key: 'k', requestHash: HASH_B }, timings)).toEqual({ kind: 'mismatch' });
    const second = await claimed('user:crash', 'k');
    expect(second.takenOver).toBe(true);
    // The presumed-dead first run finishes late: it can neither store nor release.
    expect(await completeIdempotencyKey(deps, first, { ...response, body: 'late' })).toBe(false);
    expect(await releaseIdempotencyKey(deps, first)).toBe(false);
    expect(await completeIdempotencyKey(deps, second, response)).toBe(true);
    expect(await claimIdempotencyKey(deps, { scope: 'user:crash', key: 'k', requestHash: HASH_A }, timings)).toEqual({
      kind: 'completed',
      response,
    });
  });

  it('lets exactly one of 30 concurrent retries take over a stale claim', async () => {
    await claimed('user:stampede', 'k');
    deps.clock.advance(timings.lockSeconds * 1000 + 1);
    const outcomes = await Promise.all(
      Array.from({ length: 30 }, () => claimIdempotencyKey(deps, { scope: 'user:stampede', key: 'k', requestHash: HASH_A }, timings)),
    );
    expect(outcomes.filter((o) => o.kind === 'claimed')).toHaveLength(1);
    expect(outcomes.filter((o) => o.kind === 'running')).toHaveLength(29);
  });

  it('treats a key past its 24 h as new, whatever request it had', async () => {
    await completeIdempotencyKey(deps, await claimed('user:old', 'k'), response);
    deps.clock.advance(timings.ttlSeconds * 1000 - 1);
    expect((await claimIdempotencyKey(deps, { scope: 'user:old', key: 'k', requestHash: HASH_A }, timings)).kind).toBe('completed');
    deps.clock.advance(1);
    const again = await claimed('user:old', 'k', HASH_B);
    expect(again.takenOver).toBe(true);
    expect(await rows('user:old')).toEqual([{ key: 'k', status: 'running', request_hash: HASH_B }]);
  });

  it('gives a released claim to the next request', async () => {
    const claim = await claimed('user:release', 'k');
    expect(await releaseIdempotencyKey(deps, claim)).toBe(true);
    expect(await rows('user:release')).toEqual([]);
    expect((await claimed('user:release', 'k', HASH_B)).takenOver).toBe(false);
  });
});

describe('pruning', () => {
  it('deletes only keys past their expiry', async () => {
    await deps.database.sql`delete from idempotency_keys`;
    await completeIdempotencyKey(deps, await claimed('user:prune', 'old'), response);
    deps.clock.advance(3_600_000);
    await claimed('user:prune', 'young');
    deps.clock.advance(timings.ttlSeconds * 1000 - 3_600_000);
    expect(await pruneIdempotencyKeys(deps)).toEqual({ deleted: 1 });
    expect((await rows('user:prune')).map((r) => r.key)).toEqual(['young']);
    expect(await pruneIdempotencyKeys(deps)).toEqual({ deleted: 0 });
  });
});
