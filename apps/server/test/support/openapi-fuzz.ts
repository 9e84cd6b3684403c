import fc from 'fast-check';

/**
 * Requests for one operation of an OpenAPI 3.1 document, valid and hostile alike,
 * generated from the operation's own parameter and body schemas: operations added
 * later are fuzzed without anyone listing them here.
 */

// biome-ignore lint/suspicious/noExplicitAny: JSON Schema is read loosely
export type JsonSchema = Record<string, any>;

export interface Operation {
  method: string;
  path: string;
  parameters: Array<{ name: string; in: string; required?: boolean; schema?: JsonSchema }>;
  body: { contentTypes: string[]; schema: JsonSchema | null; required: boolean } | null;
  /** Content types of its 2xx answers: a non-JSON download (a photo, a CSV) is not wrapped in the envelope. */
  successTypes: string[];
}

export interface FuzzRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

export function operationsOf(document: JsonSchema): Operation[] {
  const resolve = (schema: JsonSchema | undefined): JsonSchema | undefined => {
    let current = schema;
    for (let i = 0; i < 8 && current?.$ref; i++) {
      const parts = String(current.$ref).replace(/^#\//, '').split('/');
      current = parts.reduce<JsonSchema | undefined>((node, part) => node?.[part], document);
    }
    return current;
  };
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(document.paths ?? {}) as Array<[string, JsonSchema]>) {
    for (const method of METHODS) {
      const op = item[method] as JsonSchema | undefined;
      if (!op) continue;
      const content = (resolve(op.requestBody)?.content ?? {}) as Record<string, JsonSchema>;
      const contentTypes = Object.keys(content);
      const successTypes = Object.entries((op.responses ?? {}) as Record<string, JsonSchema>)
        .filter(([status]) => status.startsWith('2'))
        .flatMap(([, response]) => Object.keys(resolve(response)?.content ?? {}));
      operations.push({
        method: method.toUpperCase(),
        path,
        parameters: ((op.parameters ?? []) as JsonSchema[]).map((p) => resolve(p) as Operation['parameters'][number]),
        body:
          contentTypes.length === 0
            ? null
            : {
                contentTypes,
                schema: resolveDeep(content['application/json']?.schema, resolve) ?? null,
                required: Boolean(resolve(op.requestBody)?.required),
              },
        successTypes,
      });
    }
  }
  return operations;
}

function resolveDeep(
  schema: JsonSchema | undefined,
  resolve: (s: JsonSchema | undefined) => JsonSchema | undefined,
  depth = 0,
): JsonSchema | undefined {
  const s = resolve(schema);
  if (!s || depth > 12) return s;
  const out: JsonSchema = { ...s };
  if (s.properties)
    out.properties = Object.fromEntries(
      Object.entries(s.properties).map(([k, v]) => [k, resolveDeep(v as JsonSchema, resolve, depth + 1)]),
    );
  if (s.items) out.items = resolveDeep(s.items, resolve, depth + 1);
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    if (Array.isArray(s[key])) out[key] = s[key].map((v: JsonSchema) => resolveDeep(v, resolve, depth + 1));
  }
  return out;
}

/** The hostile classes every operation is walked with. */
export const HOSTILE_STRINGS = [
  '',
  'a\u0000b',
  '\u0000',
  'x\ud800y',
  '\udfff',
  '0000-01-01T00:00:00Z',
  '275760-09-13T00:00:00Z',
  '+275760-09-13T00:00:00.000Z',
  '9999-12-31T23:59:59-23:59',
  '0000-01-01',
  '2026-02-30',
  '1e400',
  '-1',
  '2147483648',
  '200000000',
  '9007199254740993',
  'NaN',
  'null',
  '__proto__',
  'constructor',
  "' OR 1=1 --",
  '%ZZ',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  '💥🚗',
  ' ',
];
export const HUGE_STRING = 'x'.repeat(200_000);
export const HOSTILE_NUMBERS = [
  -1,
  0,
  -2147483649,
  2147483648,
  200000000,
  Number.MAX_SAFE_INTEGER + 2,
  -Number.MAX_SAFE_INTEGER * 4,
  1e308,
  1.5,
  -0.5,
];
export const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__', 'prototype'];
/** Raw path segments: broken percent-encoding, encoded NUL, an over-long segment, dot segments. */
export const HOSTILE_SEGMENTS = [
  '%ZZ',
  '%',
  '%E0%A4%A',
  '%ED%A0%80',
  '%00',
  '%2e%2e',
  '..',
  'x'.repeat(6000),
  'not-a-uuid',
  '00000000-0000-0000-0000-000000000000',
];

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_NUMBERS) },
  { weight: 1, arbitrary: fc.constant(HUGE_STRING) },
  {
    weight: 2,
    arbitrary: fc.constantFrom<unknown>(null, true, false, [], {}, [1, 'a'], JSON.parse('{"__proto__":{"polluted":1}}'), {
      constructor: { prototype: 1 },
    }),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
);

export interface GenerationContext {
  /** Ids that exist (vehicles, trips, bookings, ...), so generated requests also reach past "not found". */
  ids: () => string[];
  /** How often a field is replaced by a hostile value (0..1). */
  hostileRate: number;
  /** One hostile class at a time: the value every field of a matching schema gets (undefined: generate as usual). */
  force?: (schema: JsonSchema) => unknown;
  /** Extra query keys and body keys to add (prototype-named ones). */
  extraKeys?: Record<string, unknown>;
  /** A raw segment for every path parameter. */
  segment?: string;
}

const isoBetween = (min: number, max: number) => fc.integer({ min, max }).map((ms) => new Date(ms).toISOString().replace('.000Z', 'Z'));
const SOON = Date.UTC(2025, 0, 1);
const LATER = Date.UTC(2028, 0, 1);

/** A value the schema accepts (as far as it says), with hostile values mixed in at every level. */
export function valueFor(schema: JsonSchema | undefined, ctx: GenerationContext, depth = 0): fc.Arbitrary<unknown> {
  const valid = validFor(schema, ctx, depth);
  if (ctx.hostileRate <= 0) return valid;
  const hostileWeight = Math.max(1, Math.round(ctx.hostileRate * 100));
  return fc.oneof({ weight: 100 - Math.min(99, hostileWeight), arbitrary: valid }, { weight: hostileWeight, arbitrary: hostileValue });
}

function validFor(schema: JsonSchema | undefined, ctx: GenerationContext, depth: number): fc.Arbitrary<unknown> {
  if (!schema || depth > 6) return fc.jsonValue({ maxDepth: 2 });
  const forced = ctx.force?.(schema);
  if (forced !== undefined) return fc.constant(forced);
  if ('const' in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return fc.constantFrom(...schema.enum);
  const variants = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (variants?.length) return fc.oneof(...variants.map((v) => validFor(v, ctx, depth + 1)));
  if (Array.isArray(schema.allOf) && schema.allOf.length > 0)
    return validFor({ ...schema.allOf[0], ...schema, allOf: undefined }, ctx, depth);
  const type = Array.isArray(schema.type) ? schema.type.find((t: string) => t !== 'null') : schema.type;
  switch (type) {
    case 'string':
      return stringFor(schema, ctx);
    case 'integer': {
      const min = Math.max(
        Number.MIN_SAFE_INTEGER,
        schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : -1000),
      );
      const max = Math.min(
        Number.MAX_SAFE_INTEGER,
        schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - 1 : 100_000),
      );
      return fc.oneof(fc.integer({ min, max: Math.min(max, min + 1000) }), fc.integer({ min, max }));
    }
    case 'number':
      return fc.double({ min: schema.minimum ?? -1e6, max: schema.maximum ?? 1e6, noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(valueFor(schema.items, ctx, depth + 1), {
        minLength: Math.min(schema.minItems ?? 0, 5),
        maxLength: Math.max(Math.min(schema.maxItems ?? 4, 4), Math.min(schema.minItems ?? 0, 5)),
      });
    case 'object':
      return objectFor(schema, ctx, depth);
    default:
      return schema.properties ? objectFor(schema, ctx, depth) : fc.jsonValue({ maxDepth: 2 });
  }
}

function stringFor(schema: JsonSchema, ctx: GenerationContext): fc.Arbitrary<string> {
  const ids = ctx.ids();
  switch (schema.format) {
    case 'uuid':
      return ids.length > 0 ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...ids) }, { weight: 1, arbitrary: fc.uuid() }) : fc.uuid();
    case 'date-time':
      return isoBetween(SOON, LATER);
    case 'date':
      return isoBetween(SOON, LATER).map((s) => s.slice(0, 10));
    case 'email':
      return fc.emailAddress();
    case 'uri':
    case 'url':
      return fc.webUrl();
    default:
      break;
  }
  if (typeof schema.pattern === 'string') {
    try {
      return fc
        .stringMatching(new RegExp(schema.pattern))
        .filter((s) => s.length <= (schema.maxLength ?? 200) && s.length >= (schema.minLength ?? 0));
    } catch {
      // A pattern fast-check cannot generate from: fall through to plain strings.
    }
  }
  const minLength = schema.minLength ?? 0;
  return fc.string({ minLength, maxLength: Math.max(minLength, Math.min(schema.maxLength ?? 24, 24)) });
}

function objectFor(schema: JsonSchema, ctx: GenerationContext, depth: number): fc.Arbitrary<Record<string, unknown>> {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set<string>(schema.required ?? []);
  const known = fc.record(Object.fromEntries(Object.entries(properties).map(([key, value]) => [key, valueFor(value, ctx, depth + 1)])), {
    requiredKeys: Object.keys(properties).filter((key) => required.has(key) || ctx.force !== undefined),
  });
  const extras = ctx.extraKeys
    ? fc.constant(ctx.extraKeys)
    : ctx.hostileRate > 0
      ? fc.dictionary(fc.constantFrom(...PROTOTYPE_KEYS, 'extra', 'a\u0000b'), hostileValue, { maxKeys: 2 })
      : fc.constant({});
  return fc.tuple(known, extras, fc.boolean()).map(([fields, extra, reverse]) => {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(extra))
      Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
    for (const [key, value] of Object.entries(fields)) out[key] = value;
    // Reversed ranges: swap start/end and from/to pairs now and then.
    if (reverse) {
      for (const [a, b] of [
        ['startDate', 'endDate'],
        ['from', 'to'],
        ['fromStop', 'toStop'],
      ] as const) {
        if (a in out && b in out) [out[a], out[b]] = [out[b], out[a]];
      }
    }
    return out;
  });
}

/** Percent-encodes what a query string or path carries (a lone surrogate cannot be UTF-8: it is sent as its raw CESU-8 bytes). */
export function encodeComponent(value: string): string {
  let out = '';
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0;
    if (code >= 0xd800 && code <= 0xdfff)
      out += `%ED%${(0xa0 + ((code >> 6) & 0x1f)).toString(16).toUpperCase()}%${(0x80 + (code & 0x3f)).toString(16).toUpperCase()}`;
    else out += encodeURIComponent(char);
  }
  return out;
}

function queryValue(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(queryValue);
  if (value === undefined) return [];
  if (typeof value === 'object') return [JSON.stringify(value)];
  return [String(value)];
}

const BODY_SHAPES = ['json', 'json', 'json', 'json', 'json', 'json', 'malformed', 'wrong-type', 'empty', 'top-level'] as const;

/** One request for `op`: path params, query, body and content type, each valid or hostile. */
export function requestFor(
  op: Operation,
  ctx: GenerationContext,
): fc.Arbitrary<Omit<FuzzRequest, 'headers'> & { headers: Record<string, string> }> {
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  const queryParams = op.parameters.filter((p) => p.in === 'query');
  const ids = ctx.ids();
  const segment =
    ctx.segment !== undefined
      ? fc.constant(ctx.segment)
      : fc.oneof(
          { weight: 4, arbitrary: ids.length > 0 ? fc.constantFrom(...ids) : fc.uuid() },
          { weight: 1, arbitrary: fc.uuid() },
          { weight: ctx.hostileRate > 0 ? 2 : 0, arbitrary: fc.constantFrom(...HOSTILE_SEGMENTS) },
          { weight: ctx.hostileRate > 0 ? 1 : 0, arbitrary: fc.constantFrom(...HOSTILE_STRINGS).map(encodeComponent) },
        );
  const path = fc
    .tuple(...pathParams.map(() => segment))
    .map((values) => pathParams.reduce((p, param, i) => p.replace(`{${param.name}}`, String(values[i])), op.path));
  const query = fc.tuple(
    fc.record(Object.fromEntries(queryParams.map((p) => [p.name, valueFor(p.schema, ctx)])), {
      requiredKeys: queryParams.filter((p) => p.required).map((p) => p.name),
    }),
    ctx.extraKeys
      ? fc.constant(ctx.extraKeys)
      : ctx.hostileRate > 0
        ? fc.dictionary(fc.constantFrom(...PROTOTYPE_KEYS, 'page', 'limit', 'a[b]'), hostileValue, { maxKeys: 2 })
        : fc.constant({}),
  );
  const jsonBody = op.body?.schema ? valueFor(op.body.schema, ctx) : fc.constant(undefined);
  const shape = ctx.hostileRate > 0 ? fc.constantFrom(...BODY_SHAPES) : fc.constant('json' as const);
  return fc.tuple(path, query, jsonBody, shape, fc.uint8Array({ maxLength: 64 })).map(([p, [known, extra], body, bodyShape, bytes]) => {
    const parts: string[] = [];
    for (const [key, value] of [...Object.entries(known), ...Object.entries(extra)]) {
      for (const v of queryValue(value)) parts.push(`${encodeComponent(key)}=${encodeComponent(v)}`);
    }
    const url = `/api/v1${p}${parts.length > 0 ? `?${parts.join('&')}` : ''}`;
    const headers: Record<string, string> = {};
    let payload: string | Buffer | undefined;
    if (op.body) {
      const jsonType = op.body.contentTypes.includes('application/json');
      if (!jsonType) {
        headers['content-type'] = op.body.contentTypes[bytes.length % op.body.contentTypes.length] ?? 'application/octet-stream';
        payload = Buffer.from(bytes);
      } else if (bodyShape === 'malformed') {
        headers['content-type'] = 'application/json';
        payload = '{"a":';
      } else if (bodyShape === 'wrong-type') {
        headers['content-type'] = 'text/plain';
        payload = 'a=b';
      } else if (bodyShape === 'empty') {
        headers['content-type'] = 'application/json';
      } else if (bodyShape === 'top-level') {
        headers['content-type'] = 'application/json';
        payload = JSON.stringify([body, null]);
      } else {
        headers['content-type'] = 'application/json';
        payload = JSON.stringify(body ?? {});
      }
    }
    return { method: op.method, url, headers, ...(payload === undefined ? {} : { payload }) };
  });
}

/** The classes of the issue, one at a time over every field of every operation (the random walk mixes them). */
export const HOSTILE_CLASSES: Array<{ name: string } & Pick<GenerationContext, 'force' | 'extraKeys' | 'segment'>> = [
  { name: 'prototype-named keys', extraKeys: Object.fromEntries(PROTOTYPE_KEYS.map((key, i) => [key, i % 2 === 0 ? 'x' : '1'])) },
  { name: 'NUL in strings', force: (s) => (s.type === 'string' && !s.enum ? 'a\u0000b' : undefined) },
  { name: 'lone surrogates', force: (s) => (s.type === 'string' && !s.enum ? 'x\ud800y' : undefined) },
  { name: 'year 0000', force: (s) => (s.format === 'date-time' ? '0000-01-01T00:00:00Z' : s.format === 'date' ? '0000-01-01' : undefined) },
  {
    name: 'year past 9999',
    force: (s) => (s.format === 'date-time' ? '9999-12-31T23:59:59-23:59' : s.format === 'date' ? '275760-09-13' : undefined),
  },
  { name: 'huge integers', force: (s) => (s.type === 'integer' || s.type === 'number' ? 200_000_000 : undefined) },
  { name: 'overflowing integers', force: (s) => (s.type === 'integer' || s.type === 'number' ? 2 ** 63 : undefined) },
  { name: 'negative numbers', force: (s) => (s.type === 'integer' || s.type === 'number' ? -1 : undefined) },
  { name: 'huge strings', force: (s) => (s.type === 'string' && !s.enum ? HUGE_STRING : undefined) },
  { name: 'empty strings', force: (s) => (s.type === 'string' && !s.enum ? '' : undefined) },
  {
    name: 'wrong types',
    force: (s) => (s.type === 'string' ? 12 : s.type === 'object' || s.type === 'array' ? 'x' : s.type ? {} : undefined),
  },
  { name: 'broken percent-encoding in the path', segment: '%ZZ' },
  { name: 'encoded NUL in the path', segment: '%00' },
];
