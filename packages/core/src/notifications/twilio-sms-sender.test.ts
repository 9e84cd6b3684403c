import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type FakeTwilio, startFakeTwilio, TWILIO_INVALID_NUMBER } from '../testing/fake-twilio';
import { DeliveryError } from './delivery-error';
import { TwilioSmsSender, type TwilioSmsSenderOptions } from './twilio-sms-sender';

let twilio: FakeTwilio;
beforeAll(async () => {
  twilio = await startFakeTwilio();
});
afterEach(() => {
  twilio.requests.length = 0;
  twilio.messages.length = 0;
});
afterAll(async () => {
  await twilio.close();
});

const sender = (overrides: Partial<TwilioSmsSenderOptions> = {}) =>
  new TwilioSmsSender({
    accountSid: twilio.accountSid,
    authToken: twilio.authToken,
    from: '+15005550006',
    baseUrl: twilio.url,
    ...overrides,
  });

async function failure(promise: Promise<unknown>): Promise<DeliveryError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DeliveryError);
  return error as DeliveryError;
}

describe('TwilioSmsSender against a fake of the Messages resource', () => {
  it('POSTs To, From and Body form-encoded with Basic auth, and returns the message SID', async () => {
    const result = await sender().send({ to: '+94771234567', body: 'ඔබගේ Fareway කේතය 123456' });
    expect(result.provider).toBe('twilio');
    expect(result.providerMessageId).toMatch(/^SM[0-9a-f]{32}$/);
    expect(twilio.messages).toEqual([
      {
        sid: result.providerMessageId,
        to: '+94771234567',
        from: '+15005550006',
        messagingServiceSid: null,
        body: 'ඔබගේ Fareway කේතය 123456',
      },
    ]);
    const [request] = twilio.requests;
    expect(request?.path).toBe(`/2010-04-01/Accounts/${twilio.accountSid}/Messages.json`);
    expect(request?.query.toString()).toBe('');
  });

  it('sends through a Messaging Service when one is configured', async () => {
    await sender({ from: undefined, messagingServiceSid: 'MG0123456789abcdef0123456789abcdef' }).send({ to: '+447911123456', body: 'hi' });
    expect(twilio.messages[0]).toMatchObject({ from: null, messagingServiceSid: 'MG0123456789abcdef0123456789abcdef' });
  });

  it.each([
    // what goes wrong, how, retryable, message
    { case: 'invalid number (400, code 21211)', to: TWILIO_INVALID_NUMBER, retryable: false, message: /HTTP 400\) code 21211/ },
    { case: 'bad credentials (401, code 20003)', token: 'wrong-token', retryable: false, message: /HTTP 401\) code 20003/ },
    {
      case: 'rate limited (429, code 20429)',
      fail: { status: 429, json: { code: 20429, message: 'Too Many Requests', status: 429 } },
      retryable: true,
      message: /unavailable \(HTTP 429\) code 20429/,
    },
    { case: 'server error (500)', fail: { status: 500, text: '<html>oops</html>' }, retryable: true, message: /HTTP 500/ },
    {
      case: 'bad gateway (503)',
      fail: { status: 503, json: { code: 20500, message: 'Internal Server Error', status: 503 } },
      retryable: true,
      message: /HTTP 503/,
    },
    { case: 'accepted without a sid', fail: { status: 201, text: 'not json' }, retryable: true, message: /without a message sid/ },
    { case: 'a number that is not E.164', to: '0771234567', retryable: false, message: /E\.164/ },
  ])('$case → retryable $retryable', async ({ to, token, fail, retryable, message }) => {
    if (fail) twilio.failNext(fail);
    const error = await failure(sender(token ? { authToken: token } : {}).send({ to: to ?? '+94771234567', body: 'hello' }));
    expect(error.retryable).toBe(retryable);
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain(twilio.authToken);
    expect(twilio.messages).toHaveLength(0);
  });

  it('reports a timeout and a refused connection as retryable', async () => {
    twilio.failNext({ status: 201, json: { sid: 'SMlate' }, delayMs: 500 });
    const slow = await failure(sender({ timeoutMs: 100 }).send({ to: '+94771234567', body: 'x' }));
    expect(slow).toMatchObject({ retryable: true, message: expect.stringMatching(/timed out after 100 ms/) });
    const down = await failure(sender({ baseUrl: 'http://127.0.0.1:1' }).send({ to: '+94771234567', body: 'x' }));
    expect(down).toMatchObject({ retryable: true, message: expect.stringMatching(/network error/) });
  });
});
