import { describe, expect, it } from 'vitest';
import { createQueryClient, shouldRetryQuery } from './query-client';

// The client against the real server: test/client-server.test.ts.
describe('createQueryClient', () => {
  it('retries queries once (not on 4xx), never mutations, and keeps data fresh for 10s', () => {
    const defaults = createQueryClient().getDefaultOptions();
    expect(defaults.queries?.staleTime).toBe(10_000);
    expect(defaults.mutations?.retry).toBe(false);
    expect(shouldRetryQuery(0, new Error('network down'))).toBe(true);
    expect(shouldRetryQuery(1, new Error('network down'))).toBe(false);
    expect(shouldRetryQuery(0, { data: { httpStatus: 503 } })).toBe(true);
    expect(shouldRetryQuery(0, { data: { httpStatus: 404 } })).toBe(false);
  });
});
