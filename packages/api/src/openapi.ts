import { ERROR_CODE_LIST, ERROR_CODES, type ErrorCode } from '@fareway/domain';
import { generateOpenApiDocument } from 'trpc-to-openapi';
import { type AppRouter, appRouter } from './router';
import { adminProcedure, authedProcedure, type ErrorsMeta, orgProcedure } from './trpc';

type Json = Record<string, unknown>;

const ERROR_ENVELOPE = {
  type: 'object',
  description: 'Every error, on every route (API.md). `details` is a list of `{ path, message }` on validation errors.',
  required: ['success', 'error'],
  properties: {
    success: { type: 'boolean', const: false },
    error: {
      type: 'object',
      required: ['code', 'message', 'timestamp', 'requestId'],
      properties: {
        code: { type: 'string', enum: ERROR_CODE_LIST },
        message: { type: 'string' },
        timestamp: { type: 'string', format: 'date-time' },
        requestId: { type: 'string' },
        details: {},
      },
    },
  },
};

const PAGE_META = {
  type: 'object',
  required: ['page', 'limit', 'total'],
  properties: {
    page: { type: 'integer', minimum: 1 },
    limit: { type: 'integer', minimum: 1, maximum: 100 },
    total: { type: 'integer', minimum: 0 },
  },
};

const MUTATING_METHODS = new Set(['post', 'put', 'patch', 'delete']);
const HTTP_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete']);
export const BEARER_SCHEME = 'bearerAuth';

/** Served by the HTTP host for every mutating operation (API.md, Conventions). */
export const IDEMPOTENCY_KEY_PARAMETER = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description:
    'Makes a retry safe: the first response (success or error, except 5xx and 429) is stored for 24 h under your key and ' +
    'replayed byte for byte, with `Idempotency-Replayed: true`, to a retry with the same key and request. The same key with ' +
    'another request → 422 IDEMPOTENCY_KEY_REUSED; a retry while the first still runs waits for it briefly, then 409 ' +
    'IDEMPOTENCY_KEY_IN_USE with Retry-After. Keys are per caller (signed-in user, else client IP); use a random UUID.',
  schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x20-\\x7E]+$' },
  example: '0195b4a1-7c2e-7d3f-9a10-5e6f7a8b9c0d',
};

const TAG_DESCRIPTIONS: Record<string, string> = {
  system: 'Liveness of the API itself.',
  auth: 'Phone OTP and email sign-in, sessions, the signed-in user.',
  users: 'Accounts (admins).',
  organizations: 'Operator organisations and their members.',
  operators: "An operator's seat layouts, buses, routes and trips.",
  trips: 'Scheduled trips, search and seat maps.',
  bookings: 'Holds, bookings and cancellations, rentals and seats alike.',
  payments: 'Payment intents, the wallet payment, and gateway webhooks.',
  wallet: 'The customer wallet.',
  ledger: 'The double-entry ledger (admins).',
  drivers: 'Driver applications and their review.',
  vehicles: 'Vehicles: search, listing, photos, blackouts and review.',
  rentals: 'Handing rentals over and the owner’s view of them.',
  admin: 'Back office (admins).',
  files: 'Uploads (vehicle photos, driver documents) and downloads.',
};

/** What the transform needs to know about an operation to list the errors it can answer with. */
export interface OperationFacts {
  /** `none`: not a bearer route at all (gateway webhooks verify their own signatures). */
  auth: 'required' | 'optional' | 'none';
  admin: boolean;
  organization: boolean;
  declared?: readonly ErrorCode[];
}

/** A route served beside the procedures (webhooks, files), described in the procedures' terms and enveloped by the same transform. */
export interface ExtraOperation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  facts: OperationFacts;
  /** operationId, summary, description, tags, parameters, requestBody. */
  operation: Json;
  /** Success responses by status; a JSON `schema` is the `data` of the envelope, other content is left as it is. */
  responses: Record<string, Json>;
}

/** Which of the shared procedures an operation was built from, found by the identity of their middleware. */
function procedureFacts(router: AppRouter): Map<string, OperationFacts> {
  const last = (procedure: unknown) => (procedure as { _def: { middlewares: unknown[] } })._def.middlewares.at(-1);
  const authed = last(authedProcedure);
  const admin = last(adminProcedure);
  const organization = last(orgProcedure);
  const facts = new Map<string, OperationFacts>();
  const procedures = (router as unknown as { _def: { procedures: Record<string, { _def: { middlewares: unknown[]; meta?: Json } }> } })._def
    .procedures;
  for (const procedure of Object.values(procedures)) {
    const meta = procedure._def.meta as ({ openapi?: { method: string; path: string } } & ErrorsMeta) | undefined;
    if (!meta?.openapi) continue;
    const middlewares = procedure._def.middlewares;
    facts.set(`${meta.openapi.method.toLowerCase()} ${meta.openapi.path}`, {
      auth: middlewares.includes(authed) ? 'required' : 'optional',
      admin: middlewares.includes(admin),
      organization: middlewares.includes(organization),
      declared: meta.errors,
    });
  }
  return facts;
}

/** The codes an operation can answer with: inferred from how it is served, plus what it declares. */
function errorCodesOf(method: string, operation: Json, facts: OperationFacts): ErrorCode[] {
  const codes = new Set<ErrorCode>(['INTERNAL_ERROR']);
  const parameters = ((operation.parameters as Json[] | undefined) ?? []).filter((p) => p.in !== 'header');
  const mutating = MUTATING_METHODS.has(method);
  if (parameters.length > 0 || operation.requestBody) codes.add('VALIDATION_ERROR');
  // A POST without a JSON content type is refused before the procedure runs, body or not.
  if (operation.requestBody || mutating) codes.add('UNSUPPORTED_MEDIA_TYPE');
  if (mutating) {
    // The Idempotency-Key layer and the body limit answer before the procedure runs.
    for (const code of ['VALIDATION_ERROR', 'IDEMPOTENCY_KEY_IN_USE', 'IDEMPOTENCY_KEY_REUSED', 'PAYLOAD_TOO_LARGE'] as const)
      codes.add(code);
  }
  if (facts.auth === 'required') {
    codes.add('TOKEN_INVALID');
    codes.add('TOKEN_EXPIRED');
    codes.add('FORBIDDEN');
  }
  if (facts.admin) codes.add('FORBIDDEN');
  if (facts.organization) codes.add('ORGANIZATION_NOT_FOUND');
  for (const code of facts.declared ?? []) codes.add(code);
  return ERROR_CODE_LIST.filter((code) => codes.has(code));
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad request',
  401: 'Not signed in, or the signature is wrong',
  402: 'Payment required',
  403: 'Forbidden',
  404: 'Not found, or not yours',
  409: 'Conflict',
  413: 'Body too large',
  415: 'Unsupported media type',
  422: 'Idempotency-Key reused with another request',
  429: 'Too many requests (Retry-After set)',
  500: 'Unexpected error',
  503: 'A dependency is unavailable (Retry-After set)',
};

function errorResponse(codes: ErrorCode[], status: number): Json {
  return {
    description: `${STATUS_TEXT[status] ?? 'Error'}: ${codes.join(', ')}`,
    content: {
      'application/json': {
        schema: {
          ...ERROR_ENVELOPE,
          properties: {
            ...ERROR_ENVELOPE.properties,
            error: {
              ...ERROR_ENVELOPE.properties.error,
              properties: { ...ERROR_ENVELOPE.properties.error.properties, code: { type: 'string', enum: codes } },
            },
          },
        },
        example: {
          success: false,
          error: {
            code: codes[0],
            message: 'What went wrong, in words for a person',
            timestamp: '2026-03-01T10:30:00.000Z',
            requestId: 'req_0195b4a1-7c2e-7d3f-9a10-5e6f7a8b9c0d',
          },
        },
      },
    },
  };
}

/** A list procedure answers `{ items, meta }`; the REST host sends it as `data: items` with a top-level `meta` (rest.ts). */
function isPageSchema(schema: Json | undefined): schema is Json & { properties: { items: Json } } {
  const properties = schema?.properties as Json | undefined;
  return schema?.type === 'object' && !!properties && Object.keys(properties).sort().join(',') === 'items,meta';
}

function successEnvelope(data: Json | undefined): Json {
  if (isPageSchema(data)) {
    return {
      type: 'object',
      required: ['success', 'data', 'meta'],
      properties: {
        success: { type: 'boolean', const: true },
        data: data.properties.items,
        meta: { $ref: '#/components/schemas/PageMeta' },
      },
    };
  }
  return {
    type: 'object',
    required: ['success', 'data'],
    properties: { success: { type: 'boolean', const: true }, data: data ?? {} },
  };
}

const EXAMPLE_UUID = '0195b4a1-7c2e-7d3f-9a10-5e6f7a8b9c0d';

/** Plausible values for fields the schema alone cannot make realistic. */
const EXAMPLE_BY_NAME: Record<string, unknown> = {
  currency: 'LKR',
  phoneNumber: '+94770000001',
  phone: '+94770000001',
  code: '123456',
  timeZone: 'Asia/Colombo',
  seatNumbers: ['1A', '1B'],
  seatNo: '1A',
};

/** A value that satisfies `schema`, for the document's examples (a schema's own `examples` win). */
export function exampleOf(schema: Json | undefined, components: Json = {}, name = '', depth = 0): unknown {
  if (!schema || depth > 12) return null;
  if (typeof schema.$ref === 'string')
    return exampleOf(components[schema.$ref.split('/').pop() ?? ''] as Json, components, name, depth + 1);
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return schema.examples[0];
  if ('example' in schema) return schema.example;
  if ('const' in schema) return schema.const;
  if ('default' in schema && schema.default !== undefined) return schema.default;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  const variants = (schema.anyOf ?? schema.oneOf) as Json[] | undefined;
  if (variants) return exampleOf(variants.find((v) => v.type !== 'null') ?? variants[0], components, name, depth + 1);
  if (Array.isArray(schema.allOf)) {
    return Object.assign({}, ...(schema.allOf as Json[]).map((part) => exampleOf(part, components, name, depth + 1) as object));
  }
  const type = Array.isArray(schema.type) ? (schema.type as string[]).find((t) => t !== 'null') : (schema.type as string | undefined);
  if (name in EXAMPLE_BY_NAME && (type === 'string' || type === 'array')) return EXAMPLE_BY_NAME[name];
  switch (type) {
    case 'object': {
      const out: Json = {};
      for (const [key, value] of Object.entries((schema.properties ?? {}) as Record<string, Json>)) {
        out[key] = exampleOf(value, components, key, depth + 1);
      }
      return out;
    }
    case 'array': {
      const item = exampleOf(schema.items as Json | undefined, components, name, depth + 1);
      return Array.from({ length: Math.max(1, (schema.minItems as number | undefined) ?? 1) }, () => item);
    }
    case 'integer':
    case 'number': {
      const min = typeof schema.minimum === 'number' && Number.isSafeInteger(schema.minimum) ? schema.minimum : undefined;
      const exclusive = typeof schema.exclusiveMinimum === 'number' ? schema.exclusiveMinimum + 1 : undefined;
      return min ?? exclusive ?? 1;
    }
    case 'boolean':
      return true;
    case 'string': {
      switch (schema.format) {
        case 'date-time':
          return '2026-03-01T10:00:00.000Z';
        case 'date':
          return '2026-03-01';
        case 'uuid':
          return EXAMPLE_UUID;
        case 'email':
          return 'someone@example.com';
        case 'uri':
          return 'https://example.com/';
      }
      const min = (schema.minLength as number | undefined) ?? 0;
      const max = (schema.maxLength as number | undefined) ?? 64;
      const text = name ? `${name} text` : 'text';
      return text.length < min ? text.padEnd(min, 'x') : text.slice(0, Math.max(max, min));
    }
    default:
      return null;
  }
}

const FORMATS_WITH_OWN_CHECK = new Set(['uuid', 'date-time', 'date', 'email']);

/**
 * zod spells each `format` out again as a long `pattern`, and bounds every integer by
 * ±(2^53 − 1): both say nothing a client needs and made up half the document's bytes.
 */
function tidySchemas(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) tidySchemas(item);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const schema = node as Json;
  if (typeof schema.format === 'string' && FORMATS_WITH_OWN_CHECK.has(schema.format) && typeof schema.pattern === 'string')
    delete schema.pattern;
  if (schema.maximum === Number.MAX_SAFE_INTEGER) delete schema.maximum;
  if (schema.minimum === Number.MIN_SAFE_INTEGER) delete schema.minimum;
  for (const value of Object.values(schema)) tidySchemas(value);
}

/**
 * The one transform from what the router (and the routes beside it) says to what
 * the wire carries: success bodies in `{ success, data, meta? }` (lists as `data: [...]`
 * with a top-level `meta`), every error status the operation can produce with its codes,
 * bearer security, the Idempotency-Key header on mutations, tags and examples.
 */
function envelopeOperation(method: string, operation: Json, facts: OperationFacts, components: Json): void {
  if (MUTATING_METHODS.has(method)) {
    const parameters = ((operation.parameters as Json[] | undefined) ?? []).filter((p) => p.name !== 'Idempotency-Key');
    operation.parameters = [...parameters, IDEMPOTENCY_KEY_PARAMETER];
  }
  operation.security = { required: [{ [BEARER_SCHEME]: [] }], optional: [{}, { [BEARER_SCHEME]: [] }], none: [] }[facts.auth];
  const body = (operation.requestBody as Json | undefined)?.content as Record<string, Json> | undefined;
  if (body?.['application/json'] && !('example' in body['application/json'])) {
    body['application/json'].example = exampleOf(body['application/json'].schema as Json, components);
  }

  const responses: Json = {};
  for (const [status, response] of Object.entries((operation.responses ?? {}) as Record<string, Json>)) {
    if (!/^[23]/.test(status)) continue;
    const content = response.content as Record<string, Json> | undefined;
    const json = content?.['application/json'];
    if (json) {
      json.schema = successEnvelope(json.schema as Json | undefined);
      json.example = exampleOf(json.schema as Json, components);
    }
    responses[status] = response;
  }
  const codes = errorCodesOf(method, operation, facts);
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of codes) {
    const status = ERROR_CODES[code].status;
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  for (const status of [...byStatus.keys()].sort((a, b) => a - b)) {
    // Undeclared: any code of that status may come back.
    const listed = facts.declared ? (byStatus.get(status) ?? []) : ERROR_CODE_LIST.filter((code) => ERROR_CODES[code].status === status);
    responses[String(status)] = errorResponse(listed, status);
  }
  if (!facts.declared) {
    // Not declared (yet): any documented error may come back.
    responses.default = {
      description: 'Any error of the envelope',
      content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorEnvelope' } } },
    };
  }
  operation.responses = responses;
}

/**
 * The OpenAPI 3.1 document of `/api/v1`, generated from the procedures (plus the
 * routes served beside them), with every response rewritten into what the REST host
 * actually sends.
 */
export function buildOpenApiDocument(options: {
  baseUrl: string;
  version: string;
  router?: AppRouter;
  extraOperations?: ExtraOperation[];
}): Json {
  const router = options.router ?? appRouter;
  const document = generateOpenApiDocument(router, {
    title: 'Fareway API',
    description:
      'Bookings and payments for mobility marketplaces: vehicle rentals by time range and seats on scheduled trips. ' +
      'Every response is wrapped in `{ success, data, meta? }` (lists: `data` is the array, `meta` is `{ page, limit, total }`) ' +
      'or `{ success: false, error: { code, message, timestamp, requestId, details? } }`. ' +
      'Sign in with `POST /auth/send-otp` then `POST /auth/verify-otp`, and send `Authorization: Bearer <token>`.',
    version: options.version,
    baseUrl: options.baseUrl,
    securitySchemes: {
      [BEARER_SCHEME]: { type: 'http', scheme: 'bearer', description: 'The session token from verify-otp, login or refresh.' },
    },
  }) as unknown as Json;
  document.info = {
    ...(document.info as Json),
    license: { name: 'Proprietary', identifier: 'LicenseRef-Fareway' },
    contact: { name: 'Fareway' },
  };

  const paths = (document.paths ?? {}) as Record<string, Json>;
  tidySchemas(paths);
  for (const extra of options.extraOperations ?? []) {
    const responses: Json = {};
    for (const [status, response] of Object.entries(extra.responses)) responses[status] = structuredClone(response);
    paths[extra.path] = { ...paths[extra.path], [extra.method]: { ...structuredClone(extra.operation), responses } };
  }
  const sharedSchemas: Json = { ErrorEnvelope: ERROR_ENVELOPE, PageMeta: PAGE_META };
  const facts = procedureFacts(router);
  const extraFacts = new Map((options.extraOperations ?? []).map((e) => [`${e.method} ${e.path}`, e.facts]));
  const tags = new Set<string>();
  for (const [path, pathItem] of Object.entries(paths)) {
    for (const [method, operation] of Object.entries(pathItem) as Array<[string, Json]>) {
      if (!HTTP_METHODS.has(method)) continue;
      const known = extraFacts.get(`${method} ${path}`) ?? facts.get(`${method} ${path}`);
      envelopeOperation(method, operation, known ?? { auth: 'optional', admin: false, organization: false }, sharedSchemas);
      for (const tag of (operation.tags as string[] | undefined) ?? []) tags.add(tag);
    }
  }
  document.paths = paths;
  document.tags = [...tags].map((name) => ({ name, description: TAG_DESCRIPTIONS[name] ?? `Operations on ${name}.` }));

  const components = ((document.components as Json | undefined) ?? {}) as Json;
  // trpc-to-openapi's own `error.*` schemas describe tRPC's error shape, which /api/v1 never sends.
  const schemas = Object.fromEntries(Object.entries((components.schemas ?? {}) as Json).filter(([name]) => !name.startsWith('error.')));
  components.schemas = { ...schemas, ...sharedSchemas };
  document.components = components;
  return document;
}
