import type { ValidateFunction } from 'ajv';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';

type Json = Record<string, unknown>;

export interface ObservedResponse {
  method: string;
  /** The request URL or path, e.g. `/api/v1/bookings?page=2`. */
  url: string;
  status: number;
  contentType: string | null;
  /** The raw body text. */
  body: string;
}

const DOCUMENT_ID = 'https://fareway.test/openapi.json';
const API_PREFIX = '/api/v1';

const pointer = (...parts: string[]) => parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

/**
 * Checks every response a REST test receives against the OpenAPI document's schema
 * for that operation and status (JSON Schema 2020-12, the dialect of OpenAPI 3.1),
 * so the document cannot drift from the wire: an undocumented status, a missing
 * field, an extra one, a code the operation does not list all fail the test.
 */
export class ResponseValidator {
  private readonly ajv: Ajv2020;
  private readonly compiled = new Map<string, ValidateFunction>();
  private readonly templates: Array<{ template: string; pattern: RegExp; literal: number }>;
  /** `METHOD template status` of every response checked, for the coverage report. */
  readonly seen = new Set<string>();

  constructor(private readonly document: Json) {
    this.ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
    addFormats(this.ajv);
    this.ajv.addFormat('binary', true);
    this.ajv.addSchema({ ...document, $id: DOCUMENT_ID });
    this.templates = Object.keys((document.paths ?? {}) as Json)
      .map((template) => ({
        template,
        pattern: new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}/g, '[^/]+')}$`),
        literal: template.split('/').filter((s) => s && !s.startsWith('{')).length,
      }))
      // Literal segments win: `/bookings/reserve` before `/bookings/{id}`.
      .sort((a, b) => b.literal - a.literal);
  }

  private schema(ref: string): ValidateFunction {
    let validate = this.compiled.get(ref);
    if (!validate) {
      validate = this.ajv.compile({ $ref: `${DOCUMENT_ID}#${ref}` });
      this.compiled.set(ref, validate);
    }
    return validate;
  }

  private operationFor(method: string, path: string): { template: string; operation: Json } | undefined {
    const paths = this.document.paths as Record<string, Json>;
    for (const { template, pattern } of this.templates) {
      if (!pattern.test(path)) continue;
      const operation = paths[template]?.[method] as Json | undefined;
      if (operation) return { template, operation };
    }
    return undefined;
  }

  /** Throws, naming the operation and what differs, when the response is not what the document says. */
  check(observed: ObservedResponse): void {
    const url = new URL(observed.url, 'http://fareway.test');
    if (!url.pathname.startsWith(`${API_PREFIX}/`)) return;
    const path = url.pathname.slice(API_PREFIX.length);
    const method = observed.method.toLowerCase();
    // CORS preflights and HEAD are answered by the HTTP layer, not by operations.
    if (method === 'options' || method === 'head') return;
    const label = `${observed.method.toUpperCase()} ${url.pathname} → ${observed.status}`;
    const found = this.operationFor(method, path);
    const isJson = (observed.contentType ?? '').startsWith('application/json');
    if (!found) {
      // No such operation: the router's 404 (or 405), still in the error envelope.
      if (observed.status !== 404 && observed.status !== 405) throw new Error(`${label}: no operation in the OpenAPI document`);
      this.validateJson(label, '/components/schemas/ErrorEnvelope', observed.body);
      return;
    }
    const responses = found.operation.responses as Record<string, Json>;
    const status = String(observed.status);
    const key = status in responses ? status : 'default' in responses && observed.status >= 400 ? 'default' : undefined;
    if (!key) {
      throw new Error(
        `${label}: status ${status} is not documented for ${found.operation.operationId} (documented: ${Object.keys(responses).join(', ')})`,
      );
    }
    this.seen.add(`${method.toUpperCase()} ${found.template} ${status}`);
    const content = (responses[key]?.content ?? {}) as Record<string, Json>;
    if (observed.status === 304 || Object.keys(content).length === 0) {
      if (observed.body.length > 0 && observed.status !== 303) throw new Error(`${label}: a body where the document says none`);
      return;
    }
    if (isJson && content['application/json']) {
      this.validateJson(
        label,
        `/${pointer('paths', found.template, method, 'responses', key, 'content', 'application/json', 'schema')}`,
        observed.body,
      );
      return;
    }
    const type = (observed.contentType ?? '').split(';')[0]?.trim() ?? '';
    if (!content[type] && !content['*/*'])
      throw new Error(`${label}: content type ${type} is not documented (${Object.keys(content).join(', ')})`);
  }

  private validateJson(label: string, ref: string, body: string): void {
    let value: unknown;
    try {
      value = JSON.parse(body);
    } catch {
      throw new Error(`${label}: the body is not JSON: ${body.slice(0, 200)}`);
    }
    const validate = this.schema(ref);
    if (!validate(value)) {
      const errors = (validate.errors ?? []).slice(0, 8).map((e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
      throw new Error(`${label}: the body does not match the OpenAPI document:\n  ${errors.join('\n  ')}\nbody: ${body.slice(0, 600)}`);
    }
  }
}

const validators = new Map<string, Promise<ResponseValidator>>();

/** The validator for the server at `base`, built from the document that server itself serves. */
export function validatorFor(base: string): Promise<ResponseValidator> {
  let validator = validators.get(base);
  if (!validator) {
    validator = fetch(`${base}${API_PREFIX}/openapi.json`).then(async (res) => new ResponseValidator((await res.json()) as Json));
    validators.set(base, validator);
  }
  return validator;
}

/**
 * `fetch`, checked: every `/api/v1` response is validated against the document of
 * the server that answered before the test sees it. Tests call this instead of `fetch`.
 */
export async function apiFetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
  const request = new Request(input, init);
  const response = await fetch(request);
  const url = new URL(request.url);
  if (url.pathname.startsWith(`${API_PREFIX}/`) && url.pathname !== `${API_PREFIX}/openapi.json`) {
    const validator = await validatorFor(url.origin);
    validator.check({
      method: request.method,
      url: request.url,
      status: response.status,
      contentType: response.headers.get('content-type'),
      body: await response.clone().text(),
    });
  }
  return response;
}

const injected = new WeakMap<object, Promise<ResponseValidator>>();

/** The same check for `app.inject` answers (tests that do not listen on a port). */
export async function checkInjected(
  app: { inject(options: { url: string }): Promise<{ body: string }> },
  request: { method?: string; url: string },
  response: { statusCode: number; headers: Record<string, unknown>; body: string },
): Promise<void> {
  const url = new URL(request.url, 'http://fareway.test');
  if (!url.pathname.startsWith(`${API_PREFIX}/`) || url.pathname === `${API_PREFIX}/openapi.json`) return;
  let validator = injected.get(app);
  if (!validator) {
    validator = app.inject({ url: `${API_PREFIX}/openapi.json` }).then((res) => new ResponseValidator(JSON.parse(res.body) as Json));
    injected.set(app, validator);
  }
  (await validator).check({
    method: request.method ?? 'GET',
    url: request.url,
    status: response.statusCode,
    contentType: (response.headers['content-type'] as string | undefined) ?? null,
    body: response.body,
  });
}

/** `app.inject`, checked like `apiFetch`. */
export async function injectChecked(app: FastifyInstance, options: string | InjectOptions): Promise<LightMyRequestResponse> {
  const res = await app.inject(options as InjectOptions);
  const request = typeof options === 'string' ? { url: options } : options;
  await checkInjected(app, { method: request.method, url: String(request.url ?? request.path ?? '/') }, res);
  return res;
}
