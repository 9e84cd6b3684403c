import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GatewayError } from '../gateway-error';
import { type FakeHttpServer, startFakeServer } from '../testing/start-fake-server';
import { requestJson } from './request-json';

let server: FakeHttpServer;
beforeAll(async () => {
  server = await startFakeServer((request) => ({
    status: 200,
    json: { echo: request.body, type: request.headers['content-type'] ?? null },
  }));
});
afterAll(() => server.close());

const call = (extra: Partial<Parameters<typeof requestJson>[0]> = {}) =>
  requestJson({ gateway: 'payhere', operation: 'test call', method: 'POST', url: `${server.url}/x?secret=1`, timeoutMs: 2000, ...extra });

async function failure(promise: Promise<unknown>): Promise<GatewayError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GatewayError);
  return error as GatewayError;
}

describe('requestJson', () => {
  it('sends JSON and forms and reads JSON answers', async () => {
    await expect(call({ json: { a: 1 } })).resolves.toEqual({ status: 200, body: { echo: '{"a":1}', type: 'application/json' } });
    await expect(call({ form: { a: '1 2' } })).resolves.toEqual({
      status: 200,
      body: { echo: 'a=1+2', type: 'application/x-www-form-urlencoded' },
    });
  });

  it('turns a non-2xx answer into a clear error, retryable only for 429 and 5xx', async () => {
    server.failNext({ status: 503, text: 'upstream down' });
    const unavailable = await failure(call());
    expect(unavailable).toMatchObject({ kind: 'http', httpStatus: 503, retryable: true, gateway: 'payhere', operation: 'test call' });
    expect(unavailable.message).toBe('payhere test call: HTTP 503 from POST /x: upstream down');
    expect(unavailable.message).not.toContain('secret=1');

    server.failNext({ status: 401, json: { error: 'invalid_token' } });
    expect(await failure(call())).toMatchObject({ kind: 'http', httpStatus: 401, retryable: false });
  });

  it('returns statuses the caller declared as answers', async () => {
    server.failNext({ status: 404, json: { message: 'none' } });
    await expect(call({ answerStatuses: [404] })).resolves.toEqual({ status: 404, body: { message: 'none' } });
  });

  it('gives up at the deadline', async () => {
    server.failNext({ status: 200, json: {}, delayMs: 1000 });
    const started = Date.now();
    expect(await failure(call({ timeoutMs: 100 }))).toMatchObject({ kind: 'timeout', retryable: true });
    expect(Date.now() - started).toBeLessThan(900);
  });

  it('reports a refused connection and an unreadable answer', async () => {
    expect(await failure(call({ url: 'http://127.0.0.1:1/x' }))).toMatchObject({ kind: 'network', retryable: true });
    server.failNext({ status: 200, text: '<html>oops</html>' });
    expect(await failure(call())).toMatchObject({ kind: 'invalid_response', retryable: false });
  });
});
