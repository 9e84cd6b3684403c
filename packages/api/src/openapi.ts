import { ERROR_CODE_LIST } from '@fareway/domain';
import { generateOpenApiDocument } from 'trpc-to-openapi';
import { appRouter } from './router';

type Json = Record<string, unknown>;

const ERROR_ENVELOPE = {
  type: 'object',
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

const META = {
  type: 'object',
  properties: { page: { type: 'integer' }, limit: { type: 'integer' }, total: { type: 'integer' } },
};

const MUTATING_METHODS = new Set(['post', 'put', 'patch', 'delete']);

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
};

/**
 * The OpenAPI 3.1 document of `/api/v1`, generated from the procedures, with
 * every response rewritten into the envelope the REST host actually sends.
 */
export function buildOpenApiDocument(options: { baseUrl: string; version: string }): Json {
  const document = generateOpenApiDocument(appRouter, {
    title: 'Fareway API',
    description:
      'Bookings and payments for mobility marketplaces. Every response is wrapped in `{ success, data, meta? }` or `{ success: false, error }`.',
    version: options.version,
    baseUrl: options.baseUrl,
  }) as unknown as Json;
  const components = ((document.components as Json | undefined) ?? {}) as Json;
  const schemas = ((components.schemas as Json | undefined) ?? {}) as Json;
  schemas.ErrorEnvelope = ERROR_ENVELOPE;
  components.schemas = schemas;
  document.components = components;

  for (const pathItem of Object.values((document.paths as Json | undefined) ?? {}) as Json[]) {
    for (const [method, operation] of Object.entries(pathItem) as Array<[string, Json]>) {
      if (MUTATING_METHODS.has(method)) {
        operation.parameters = [...((operation.parameters as Json[] | undefined) ?? []), IDEMPOTENCY_KEY_PARAMETER];
      }
      const responses = (operation.responses ?? {}) as Json;
      for (const [status, response] of Object.entries(responses) as Array<[string, Json]>) {
        const content = response.content as Record<string, { schema?: Json }> | undefined;
        const json = content?.['application/json'];
        if (!json) continue;
        if (status.startsWith('2')) {
          json.schema = {
            type: 'object',
            required: ['success', 'data'],
            properties: { success: { type: 'boolean', const: true }, data: json.schema ?? {}, meta: META },
          };
        } else {
          json.schema = { $ref: '#/components/schemas/ErrorEnvelope' };
        }
      }
      responses.default = {
        description: 'Error',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorEnvelope' } } },
      };
      operation.responses = responses;
    }
  }
  return document;
}
