import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DeliveryError } from './delivery-error';
import { NotifyLkSmsSender } from './notify-lk-sms-sender';

// A local fake of Notify.lk's HTTP API (https://app.notify.lk/api/v1/send). The real host is never contacted.
const CREDENTIALS = { userId: '27431', apiKey: 'nlk-test-key-4f9c2e7d1a', senderId: 'Fareway' };
const KNOWN_COUNTRY_CODES = ['94', '91', '44', '1'];

type FakeMode = 'normal' | 'rate-limited' | 'server-error' | 'bad-request' | 'hang' | 'not-json' | 'drop' | 'no-balance' | 'echo-key';

interface RecordedRequest {
  method: string;
  url: string;
  contentType: string | undefined;
  rawBody: string;
  params: Record<string, string>;
}

const fake = {
  mode: 'normal' as FakeMode,
  requests: [] as RecordedRequest[],
  hanging: [] as ServerResponse[],
};

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const rawBody = await readBody(req);
  const url = new URL(req.url ?? '/', 'http://fake.invalid');
  const isForm = req.headers['content-type']?.startsWith('application/x-www-form-urlencoded') ?? false;
  // Like the real service: GET with query parameters, or POST with a form body.
  const params = req.method === 'POST' && isForm ? new URLSearchParams(rawBody) : url.searchParams;
  fake.requests.push({
    method: req.method ?? '',
    url: req.url ?? '',
    contentType: req.headers['content-type'],
    rawBody,
    params: Object.fromEntries(params),
  });

  switch (fake.mode) {
    case 'rate-limited':
      return json(res, 429, { status: 'error', message: 'Too many requests' });
    case 'server-error':
      res.writeHead(500, { 'content-type': 'text/html' });
      res.end('<html><body>Internal Server Error</body></html>');
      return;
    case 'bad-request':
      return json(res, 400, { status: 'error', message: 'Bad request' });
    case 'hang':
      fake.hanging.push(res);
      return;
    case 'not-json':
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html><body>Maintenance</body></html>');
      return;
    case 'drop':
      req.socket.destroy();
      return;
    case 'no-balance':
      return json(res, 200, { status: 'error', message: 'Insufficient balance' });
    case 'echo-key':
      return json(res, 200, { status: 'error', message: `Invalid api_key ${params.get('api_key')}` });
    case 'normal':
      break;
  }

  if (url.pathname !== '/api/v1/send') return json(res, 404, { status: 'error', message: 'Not found' });
  if (req.method !== 'GET' && req.method !== 'POST') return json(res, 405, { status: 'error', message: 'Method not allowed' });
  if (
    params.get('user_id') !== CREDENTIALS.userId ||
    params.get('api_key') !== CREDENTIALS.apiKey ||
    params.get('sender_id') !== CREDENTIALS.senderId
  ) {
    // The real service reports bad credentials with HTTP 200.
    return json(res, 200, { status: 'error', message: 'Invalid credentials' });
  }
  const to = params.get('to') ?? '';
  if (!/^\d{7,15}$/.test(to) || !KNOWN_COUNTRY_CODES.some((code) => to.startsWith(code))) {
    return json(res, 200, { status: 'error', message: 'Invalid number' });
  }
  if (!params.get('message')) return json(res, 200, { status: 'error', message: 'Message is required' });
  return json(res, 200, { status: 'success', data: 'Sent' });
}

let server: Server;
let baseUrl: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      res.writeHead(500);
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
});

afterEach(() => {
  for (const res of fake.hanging) res.destroy();
  fake.hanging = [];
  fake.requests = [];
  fake.mode = 'normal';
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
});

function sender(overrides: Partial<ConstructorParameters<typeof NotifyLkSmsSender>[0]> = {}): NotifyLkSmsSender {
  return new NotifyLkSmsSender({ ...CREDENTIALS, baseUrl, ...overrides });
}

async function sendError(s: NotifyLkSmsSender, to = '+94771234567', body = 'Your Fareway code is 123456'): Promise<DeliveryError> {
  const error = await s.send({ to, body }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DeliveryError);
  return error as DeliveryError;
}

function onlyRequest(): RecordedRequest {
  expect(fake.requests).toHaveLength(1);
  const [request] = fake.requests;
  if (!request) throw new Error('no request recorded');
  return request;
}

describe('NotifyLkSmsSender', () => {
  it('POSTs a form-encoded body to /api/v1/send, with no plus sign in `to` and no secret in the URL', async () => {
    const result = await sender().send({ to: '+94771234567', body: 'Your Fareway code is 123456' });
    expect(result).toEqual({ provider: 'notify-lk', providerMessageId: null });

    const request = onlyRequest();
    expect(request.method).toBe('POST');
    expect(request.url).toBe('/api/v1/send');
    expect(request.url).not.toContain(CREDENTIALS.apiKey);
    expect(request.contentType).toMatch(/^application\/x-www-form-urlencoded/);
    expect(request.params).toEqual({
      user_id: CREDENTIALS.userId,
      api_key: CREDENTIALS.apiKey,
      sender_id: CREDENTIALS.senderId,
      to: '94771234567',
      message: 'Your Fareway code is 123456',
    });
  });

  it('accepts a baseUrl with a trailing slash', async () => {
    await sender({ baseUrl: `${baseUrl}/` }).send({ to: '+94771234567', body: 'hi' });
    expect(onlyRequest().url).toBe('/api/v1/send');
  });

  it.each([
    { label: 'Sinhala', body: 'ඔබගේ කේතය 123456', type: 'unicode' },
    { label: 'Tamil', body: 'உங்கள் குறியீடு 123456', type: 'unicode' },
    { label: 'ASCII', body: 'Your Fareway code is 123456', type: undefined },
  ])('sets type=$type for $label text', async ({ body, type }) => {
    await sender().send({ to: '+94771234567', body });
    const request = onlyRequest();
    expect(request.params.type).toBe(type);
    expect(request.params.message).toBe(body);
  });

  it.each([
    // Rejections: retrying cannot help.
    {
      case: 'invalid credentials (HTTP 200 error JSON)',
      options: { apiKey: 'nlk-wrong-key' },
      mode: 'normal',
      retryable: false,
      message: /Invalid credentials/,
    },
    { case: 'wrong sender id', options: { senderId: 'Other' }, mode: 'normal', retryable: false, message: /Invalid credentials/ },
    { case: 'number the gateway rejects', to: '+999123456789', mode: 'normal', retryable: false, message: /Invalid number/ },
    { case: 'insufficient balance', mode: 'no-balance', retryable: false, message: /Insufficient balance/ },
    { case: 'HTTP 400 error JSON', mode: 'bad-request', retryable: false, message: /HTTP 400.*Bad request/ },
    { case: 'provider message echoing the key', mode: 'echo-key', retryable: false, message: /Invalid api_key \[redacted\]/ },
    // Transient: the job queue retries.
    { case: 'HTTP 429', mode: 'rate-limited', retryable: true, message: /HTTP 429.*Too many requests/ },
    { case: 'HTTP 500', mode: 'server-error', retryable: true, message: /HTTP 500/ },
    { case: 'non-JSON body', mode: 'not-json', retryable: true, message: /non-JSON/ },
    { case: 'connection dropped', mode: 'drop', retryable: true, message: /network error/ },
    { case: 'timeout', options: { timeoutMs: 150 }, mode: 'hang', retryable: true, message: /timed out after 150 ms/ },
  ] satisfies Array<{
    case: string;
    mode: FakeMode;
    retryable: boolean;
    message: RegExp;
    to?: string;
    options?: Partial<ConstructorParameters<typeof NotifyLkSmsSender>[0]>;
  }>)('$case → retryable: $retryable', async ({ mode, retryable, message, ...rest }) => {
    fake.mode = mode;
    const options = 'options' in rest ? rest.options : {};
    const to = 'to' in rest ? rest.to : undefined;
    const error = await sendError(sender(options), to);
    expect(error.provider).toBe('notify-lk');
    expect(error.retryable).toBe(retryable);
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain(CREDENTIALS.apiKey);
    expect(String(error)).not.toContain(CREDENTIALS.apiKey);
    expect(fake.requests).toHaveLength(1);
  });

  it('fails retryably when the host refuses connections', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = await sendError(sender({ baseUrl: `http://127.0.0.1:${port}/api/v1` }));
    expect(error.retryable).toBe(true);
    expect(error.message).not.toContain(CREDENTIALS.apiKey);
  });

  it.each(['94771234567', '0771234567', '+0771234567', '+94 77 123 4567', '+9477', '+9477123456789012', ''])(
    'refuses non-E.164 recipient %j without calling the gateway',
    async (to) => {
      const error = await sendError(sender(), to);
      expect(error.retryable).toBe(false);
      expect(fake.requests).toHaveLength(0);
    },
  );

  it('uses an injected fetch', async () => {
    const calls: Array<{ url: string; init: RequestInit | undefined }> = [];
    const fetch: typeof globalThis.fetch = async (input, init) => {
      calls.push({ url: String(input), init });
      return new Response(JSON.stringify({ status: 'success', data: 'Sent' }), { status: 200 });
    };
    const result = await sender({ baseUrl: 'https://notify.example.invalid/api/v1', fetch }).send({ to: '+94771234567', body: 'hi' });
    expect(result.providerMessageId).toBeNull();
    expect(calls).toHaveLength(1);
    expect(calls[0]?.url).toBe('https://notify.example.invalid/api/v1/send');
    expect(calls[0]?.init?.method).toBe('POST');
  });
});
