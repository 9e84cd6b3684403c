import { Readable } from 'node:stream';
import { TRPCError } from '@trpc/server';
import type { FastifyRequest } from 'fastify';

/** No procedure reads its abort signal, so every request shares one that never aborts. */
const NEVER_ABORTED = new AbortController().signal;
const UNPARSED = Symbol('unparsed');

/** The query string as trpc-to-openapi expects it (`key → values`), on an object without a prototype (`?toString=x` must not find a function). */
function queryOf(url: string): Record<string, string[]> {
  const query: Record<string, string[]> = Object.create(null);
  for (const [key, value] of new URL(url).searchParams) {
    const values = query[key];
    if (values) values.push(value);
    else query[key] = [value];
  }
  return query;
}

class HeaderView {
  constructor(private readonly request: FastifyRequest) {}
  get(name: string): string | null {
    const value = this.request.headers[name.toLowerCase()];
    if (value === undefined) return null;
    return Array.isArray(value) ? value.join(', ') : String(value);
  }
  has(name: string): boolean {
    return this.request.headers[name.toLowerCase()] !== undefined;
  }
}

/**
 * What tRPC's resolveResponse and trpc-to-openapi's handler read of a fetch Request, served from the
 * Fastify request without building one (headers, a body stream and abort wiring cost more than the rest
 * of the HTTP layer: issue 16). Its prototype chain holds Request's, so `instanceof Request` is true;
 * its own accessors shadow Request's. The body is the one Fastify read (a string on /trpc, a Buffer on
 * /api/v1), parsed as JSON once, when asked.
 */
export class LightRequest {
  readonly #request: FastifyRequest;
  readonly #url: string;
  readonly #headers: HeaderView;
  #parsed: unknown = UNPARSED;
  #parseError: unknown;
  #query: Record<string, string[]> | undefined;

  /** `url`: absolute (both handlers build a URL from it). */
  constructor(request: FastifyRequest, url: string) {
    this.#request = request;
    this.#url = url;
    this.#headers = new HeaderView(request);
  }

  get method(): string {
    return this.#request.method;
  }
  get url(): string {
    return this.#url;
  }
  get headers(): HeaderView {
    return this.#headers;
  }
  get signal(): AbortSignal {
    return NEVER_ABORTED;
  }
  /** trpc-to-openapi's parsed query string. */
  get query(): Record<string, string[]> {
    this.#query ??= queryOf(this.#url);
    return this.#query;
  }

  /** trpc-to-openapi's body: the JSON of a non-empty `application/json` request, else nothing; malformed JSON is PARSE_ERROR. */
  get body(): unknown {
    const raw = this.#request.body;
    const isJson = (this.#request.headers['content-type'] ?? '').startsWith('application/json');
    if (!isJson || raw === undefined || raw === null || (raw as { length?: number }).length === 0) return undefined;
    try {
      return this.#json();
    } catch (error) {
      throw new TRPCError({ code: 'PARSE_ERROR', message: 'Malformed JSON in request body', cause: error });
    }
  }

  /** tRPC's JSON body (a malformed one rejects with the SyntaxError, as Request.json does). */
  async json(): Promise<unknown> {
    return this.#json();
  }

  /** tRPC's multipart body: its parser hands the stream on unread. */
  async formData(): Promise<FormData> {
    const stream = this.#request.body as Readable;
    return new Response(Readable.toWeb(stream) as ReadableStream, {
      headers: { 'content-type': this.#headers.get('content-type') ?? '' },
    }).formData();
  }

  #json(): unknown {
    if (this.#parseError !== undefined) throw this.#parseError;
    if (this.#parsed === UNPARSED) {
      const raw = this.#request.body;
      try {
        this.#parsed = JSON.parse(Buffer.isBuffer(raw) ? raw.toString('utf8') : String(raw ?? ''));
      } catch (error) {
        this.#parseError = error;
        throw error;
      }
    }
    return this.#parsed;
  }

  /** This object as the Request the handlers are typed to take. */
  asRequest(): Request {
    return this as unknown as Request;
  }
}
Object.setPrototypeOf(LightRequest.prototype, Request.prototype);
