import { createHash } from 'node:crypto';

/** JSON with object keys sorted at every depth, so `{a,b}` and `{b,a}` are the same request. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item === undefined ? null : item)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export interface IdempotentRequest {
  method: string;
  /** The request target: path (with its path parameters) and query string. */
  url: string;
  /** The body as received: raw bytes/text (JSON is canonicalised), an already parsed value, or nothing. */
  body: Buffer | string | object | null | undefined;
}

function canonicalBody(body: IdempotentRequest['body']): string {
  if (body === null || body === undefined) return '';
  if (typeof body === 'string' || Buffer.isBuffer(body)) {
    const text = Buffer.isBuffer(body) ? body.toString('utf8') : body;
    if (text.length === 0) return '';
    try {
      return `json:${canonicalJson(JSON.parse(text))}`;
    } catch {
      // Not JSON (form posts, malformed bodies): the exact bytes are the request.
      return `raw:${createHash('sha256').update(body).digest('hex')}`;
    }
  }
  return `json:${canonicalJson(body)}`;
}

function canonicalUrl(url: string): string {
  const [path = '', query] = url.split('?', 2);
  if (!query) return path;
  const order = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  const params = [...new URLSearchParams(query).entries()].sort(([a, av], [b, bv]) => order(a, b) || order(av, bv));
  return `${path}?${new URLSearchParams(params).toString()}`;
}

/**
 * SHA-256 over method, target and canonical body: a key sent again with another
 * request (other route, other body) is recognised and refused, not replayed.
 */
export function hashIdempotentRequest(request: IdempotentRequest): string {
  return createHash('sha256')
    .update(JSON.stringify([request.method.toUpperCase(), canonicalUrl(request.url), canonicalBody(request.body)]))
    .digest('hex');
}
