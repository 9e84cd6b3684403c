import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { createApiClient } from './client';
import { ERROR_MESSAGES } from './messages';
import { problemOf, UNREACHABLE_MESSAGE } from './problem';

function failingClient(status: number, error: { message: string; code: number; data: Record<string, unknown> }) {
  const fetch = (async () => Response.json([{ error }], { status })) as typeof globalThis.fetch;
  return createApiClient({ url: 'http://fareway.test/trpc', fetch });
}

describe('problemOf', () => {
  it("words the code for people, keeps the server's message aside and turns Retry-After into a deadline", async () => {
    const error = await failingClient(429, {
      message: 'Too many live holds; pay for or cancel one first',
      code: -32029,
      data: { code: 'TOO_MANY_REQUESTS', appCode: 'HOLD_LIMIT_REACHED', httpStatus: 429, retryAfterSeconds: 30 },
    })
      .bookings.create.mutate({ vehicleId: '0192e4a0-7b1c-7cc0-8000-000000000001', startDate: 'x', endDate: 'y' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCClientError);
    expect(problemOf(error, 1_000)).toEqual({
      message: ERROR_MESSAGES.HOLD_LIMIT_REACHED,
      serverMessage: 'Too many live holds; pay for or cancel one first',
      code: 'HOLD_LIMIT_REACHED',
      retryAt: 31_000,
      details: undefined,
      fields: {},
    });
  });

  it('keys the failing fields of a validation error by path and words a network failure', async () => {
    const invalid = await failingClient(400, {
      message: 'Input validation failed',
      code: -32600,
      data: { appCode: 'VALIDATION_ERROR', httpStatus: 400, details: [{ path: 'startDate', message: 'expected an ISO date-time' }] },
    })
      .bookings.cancel.mutate({ id: 'x' })
      .catch((e: unknown) => e);
    expect(problemOf(invalid)?.fields).toEqual({ startDate: 'expected an ISO date-time' });
    expect(problemOf(invalid)?.message).toBe('Some details need another look: expected an ISO date-time');
    expect(problemOf(invalid)?.retryAt).toBeNull();

    const offline = await createApiClient({
      url: 'http://fareway.test/trpc',
      fetch: (async () => {
        throw new TypeError('Failed to fetch');
      }) as typeof globalThis.fetch,
    })
      .auth.me.query()
      .catch((e: unknown) => e);
    expect(problemOf(offline)).toEqual({
      message: UNREACHABLE_MESSAGE,
      serverMessage: null,
      code: undefined,
      retryAt: null,
      details: undefined,
      fields: {},
    });
    expect(problemOf(null)).toBeNull();
  });
});

describe('ERROR_MESSAGES', () => {
  it('has a sentence for people for every code, none of them a developer message', () => {
    for (const [code, sentence] of Object.entries(ERROR_MESSAGES)) {
      expect(sentence, code).toMatch(/^[A-Z].*\.$/);
      expect(sentence, code).not.toMatch(/\b[a-z]+[A-Z]\w*|_/);
    }
  });
});
