import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { createApiClient } from './client';
import { createQueryClient, shouldRetryQuery } from './query-client';

const status = {
  version: '0.1.0',
  environment: 'test',
  time: '2025-01-01T12:00:00.000Z',
  database: { ok: true, latencyMs: 2, serverVersion: '18.0' },
  migrations: { applied: '0001_init', expected: '0001_init', current: true },
  worker: { lastSeenAt: '2025-01-01T11:59:58.000Z', alive: true },
};

function recordingFetch(respond: () => Response) {
  const calls: Array<{ url: string; init: RequestInit | undefined }> = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ url: String(input), init });
    return respond();
  };
  return { calls, fetch: fetch as typeof globalThis.fetch };
}

describe('createApiClient', () => {
  it('batches system.status over GET /trpc with cookies included', async () => {
    const { calls, fetch } = recordingFetch(() => Response.json([{ result: { data: status } }]));
    const client = createApiClient({ url: 'http://fareway.test/trpc', fetch });

    const result = await client.system.status.query();

    expect(result).toEqual(status);
    expect(calls).toHaveLength(1);
    const call = calls[0];
    expect(call?.url.startsWith('http://fareway.test/trpc/system.status?batch=1')).toBe(true);
    expect(call?.init?.method).toBe('GET');
    expect(call?.init?.credentials).toBe('include');
  });

  it('surfaces server errors as TRPCClientError carrying httpStatus, which stops retries', async () => {
    const { fetch } = recordingFetch(() =>
      Response.json(
        [
          {
            error: {
              message: 'Sign in first',
              code: -32001,
              data: { code: 'UNAUTHORIZED', path: 'system.status', appCode: 'UNAUTHENTICATED', httpStatus: 401, requestId: 'r1' },
            },
          },
        ],
        { status: 401 },
      ),
    );
    const client = createApiClient({ url: 'http://fareway.test/trpc', fetch });

    const error = await client.system.status.query().catch((e: unknown) => e);

    expect(error).toBeInstanceOf(TRPCClientError);
    expect((error as TRPCClientError<never>).message).toBe('Sign in first');
    expect(shouldRetryQuery(0, error)).toBe(false);
  });
});

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
