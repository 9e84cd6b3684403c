import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { guardedLookup, isForbiddenAddress, parseWebhookUrl, webhookHostIsLiteral } from './webhook-target';

export interface WebhookPostResult {
  /** The receiver's HTTP status, or null when no answer came (refused, timed out, reset). */
  status: number | null;
  error: string | null;
  durationMs: number;
}

/** We keep only the start of a receiver's answer (for the delivery log); the rest is read and dropped. */
const KEPT_RESPONSE_BYTES = 512;

/**
 * POSTs one signed delivery. Never throws: what happened is the result. No redirects
 * are followed (a 3xx is a failure), the whole exchange is bounded by `timeoutMs`,
 * and outside development the connection may only reach a public address.
 */
export function postWebhook(input: {
  url: string;
  body: string;
  headers: Record<string, string>;
  timeoutMs: number;
  allowInsecure: boolean;
}): Promise<WebhookPostResult> {
  const started = performance.now();
  const done = (status: number | null, error: string | null): WebhookPostResult => ({
    status,
    error,
    durationMs: Math.round(performance.now() - started),
  });
  let url: URL;
  try {
    url = parseWebhookUrl(input.url, input.allowInsecure);
  } catch (error) {
    return Promise.resolve(done(null, (error as Error).message));
  }
  const literal = webhookHostIsLiteral(url);
  if (!input.allowInsecure && literal && isForbiddenAddress(literal)) {
    return Promise.resolve(done(null, 'the URL points at a non-public address'));
  }
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (status: number | null, error: string | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(done(status, error));
    };
    const req = send(
      url,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(input.body)),
          'user-agent': 'Fareway-Webhooks/1',
          ...input.headers,
        },
        ...(input.allowInsecure ? {} : { lookup: guardedLookup as never }),
      },
      (res: IncomingMessage) => {
        let kept = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          if (kept.length < KEPT_RESPONSE_BYTES) kept += chunk.slice(0, KEPT_RESPONSE_BYTES - kept.length);
        });
        res.on('end', () => finish(res.statusCode ?? null, res.statusCode && res.statusCode < 300 ? null : kept || null));
        res.on('error', (error) => finish(res.statusCode ?? null, error.message));
      },
    );
    const timer = setTimeout(() => {
      req.destroy(new Error(`no answer within ${input.timeoutMs} ms`));
    }, input.timeoutMs);
    req.on('error', (error) => finish(null, error.message));
    req.end(input.body);
  });
}
