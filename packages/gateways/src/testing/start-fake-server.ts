import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  /** Path without the query. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface FakeResponse {
  status: number;
  json?: unknown;
  text?: string;
  headers?: Record<string, string>;
  /** Answer this late (to prove callers give up at their deadline). */
  delayMs?: number;
}

export type FakeHandler = (request: RecordedRequest) => FakeResponse | Promise<FakeResponse>;

export interface FakeHttpServer {
  /** Base URL, http://127.0.0.1:<random port>. */
  readonly url: string;
  /** Every request received, in order (including those answered by `failNext`). */
  readonly requests: RecordedRequest[];
  /** The next request gets this answer instead of the fake's own (an outage, a 500, a slow answer). */
  failNext(response: FakeResponse): void;
  close(): Promise<void>;
}

/** A node:http server on 127.0.0.1 and a random port that records what it receives. */
export async function startFakeServer(handler: FakeHandler): Promise<FakeHttpServer> {
  const requests: RecordedRequest[] = [];
  const overrides: FakeResponse[] = [];
  const timers = new Set<NodeJS.Timeout>();

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fake.invalid');
      const recorded: RecordedRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(recorded);
      const override = overrides.shift();
      Promise.resolve(override ?? handler(recorded))
        .catch((error: unknown): FakeResponse => ({ status: 500, json: { error: String(error) } }))
        .then((answer) => {
          const send = () => {
            timers.delete(timer);
            if (res.destroyed) return;
            const body = answer.json !== undefined ? JSON.stringify(answer.json) : (answer.text ?? '');
            const type = answer.json !== undefined ? 'application/json' : 'text/html; charset=utf-8';
            res.writeHead(answer.status, { 'content-type': type, ...answer.headers });
            res.end(body);
          };
          const timer = setTimeout(send, answer.delayMs ?? 0);
          timers.add(timer);
        });
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    failNext(response) {
      overrides.push(response);
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

/** The bearer token of a request, if any. */
export function bearerOf(request: RecordedRequest): string | undefined {
  const header = request.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : undefined;
}

/** POSTs a gateway's callback to a URL the way the gateway would. */
export async function postWebhook(url: string, body: Buffer, headers: Record<string, string>): Promise<number> {
  const response = await fetch(url, { method: 'POST', headers, body: new Uint8Array(body), signal: AbortSignal.timeout(10_000) });
  await response.arrayBuffer();
  return response.status;
}
