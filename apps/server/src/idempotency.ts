import { isUtf8 } from 'node:buffer';
import { createContextFactory } from '@fareway/api';
import {
  type ClaimOutcome,
  claimIdempotencyKey,
  completeIdempotencyKey,
  DEFAULT_IDEMPOTENCY_TIMINGS,
  type Deps,
  hashIdempotentRequest,
  IDEMPOTENCY_KEY_HEADER,
  type IdempotencyClaim,
  type IdempotencyTimings,
  parseIdempotencyKey,
  releaseIdempotencyKey,
  type StoredResponse,
} from '@fareway/core';
import { AppError, ERROR_CODES, type ErrorCode } from '@fareway/domain';
import { TRPC_ERROR_CODES_BY_KEY } from '@trpc/server/rpc';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Counter, Gauge } from 'prom-client';
import { sendError } from './envelope';
import { KeySignals } from './idempotency-signals';
import { requestFacts } from './request-facts';
import { isWebResponse, readWebResponse } from './web-response';

export interface IdempotencyOptions extends IdempotencyTimings {
  /**
   * How long a duplicate that arrives while the first run is still going waits
   * for it to finish (then it gets the replay); past this it is answered
   * 409 IDEMPOTENCY_KEY_IN_USE with Retry-After. 0 answers 409 at once.
   */
  waitMs: number;
  /** Retry-After (seconds) on 409 IDEMPOTENCY_KEY_IN_USE. */
  retryAfterSeconds: number;
}

export const DEFAULT_IDEMPOTENCY_OPTIONS: IdempotencyOptions = { ...DEFAULT_IDEMPOTENCY_TIMINGS, waitMs: 5_000, retryAfterSeconds: 1 };

export const IDEMPOTENCY_REPLAYED = 'Idempotency-Replayed';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Poll interval of a waiting duplicate: starts short (most mutations take milliseconds), grows to this. */
const MAX_POLL_MS = 250;
/** The response headers a replay needs; the rest (ids, cookies, CORS) belong to each request. */
const KEPT_HEADERS = ['content-type', 'retry-after'] as const;

type Transport = 'rest' | 'trpc';

interface Held {
  claim: IdempotencyClaim;
  settled: boolean;
}

function transportOf(request: FastifyRequest): Transport | null {
  if (!MUTATING.has(request.method)) return null;
  if (request.url.startsWith('/api/v1/')) return 'rest';
  if (request.url.startsWith('/trpc/')) return 'trpc';
  return null;
}

function isStream(body: unknown): boolean {
  return typeof body === 'object' && body !== null && typeof (body as { pipe?: unknown }).pipe === 'function';
}

/** The tRPC error shape (as the router's errorFormatter makes it), for refusals that never reach the router. */
function sendTrpcError(
  request: FastifyRequest,
  reply: FastifyReply,
  code: ErrorCode,
  message: string,
  options: { details?: unknown; retryAfterSeconds?: number },
): FastifyReply {
  const { status, trpc } = ERROR_CODES[code];
  const paths = String((request.params as { path?: string } | undefined)?.path ?? '');
  const batch = /[?&]batch=(1|true)\b/.test(request.url);
  const shape = (path: string) => ({
    error: {
      message,
      code: TRPC_ERROR_CODES_BY_KEY[trpc],
      data: {
        code: trpc,
        path,
        appCode: code,
        httpStatus: status,
        requestId: request.id,
        ...(options.details === undefined ? {} : { details: options.details }),
        ...(options.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: options.retryAfterSeconds }),
      },
    },
  });
  if (options.retryAfterSeconds !== undefined) reply.header('Retry-After', String(options.retryAfterSeconds));
  return reply
    .code(status)
    .type('application/json')
    .send(JSON.stringify(batch ? paths.split(',').map(shape) : shape(paths)));
}

/**
 * Idempotency-Key for every mutating REST call (`/api/v1/*`) and tRPC mutation
 * (`POST /trpc/*`), at the Fastify level so both transports share one mechanism
 * and the stored bytes are exactly the bytes sent (the REST envelope included).
 *
 * - preHandler: no header → nothing happens (the table is never touched).
 *   Otherwise the key is claimed in Postgres (see claimIdempotencyKey) under
 *   the caller's scope: `user:<id>` with a valid session, else `anon:<ip>`.
 *   A completed key replays; a running one is waited for (up to `waitMs`), then
 *   replayed, or refused with 409 IDEMPOTENCY_KEY_IN_USE + Retry-After.
 * - onSend: the claimed request's final status, content-type/Retry-After and
 *   body are stored. 5xx and 429 are not: they mean "try again", so the claim
 *   is released and the retry runs afresh.
 *
 * Registered before @fastify/compress, so what is stored is uncompressed.
 */
export function registerIdempotency(app: FastifyInstance, deps: Deps, secureCookies: boolean, overrides: Partial<IdempotencyOptions> = {}) {
  const options: IdempotencyOptions = { ...DEFAULT_IDEMPOTENCY_OPTIONS, ...overrides };
  const createContext = createContextFactory(deps);
  const held = new WeakMap<FastifyRequest, Held>();
  const signals = new KeySignals();
  const outcomes = new Counter({
    name: 'fareway_idempotency_requests_total',
    help: 'Requests carrying an Idempotency-Key, by outcome',
    labelNames: ['outcome'],
    registers: [],
  });
  const waiting = new Gauge({
    name: 'fareway_idempotency_waiting',
    help: 'Duplicate requests now waiting for the first run of their Idempotency-Key',
    registers: [],
    collect() {
      this.set(signals.size);
    },
  });
  const signalId = (claim: { scope: string; key: string }) => `${claim.scope}\u0000${claim.key}`;

  /** Whose key this is. Security: keys are per caller, so one caller can never read another's stored response. */
  async function scopeOf(request: FastifyRequest, reply: FastifyReply): Promise<string> {
    const context = createContext(requestFacts(request, reply, secureCookies));
    if (context.credentials) {
      try {
        const session = await context.validateSession(context.credentials.token);
        // A refusal before the procedure (a replay, a mismatch) must still re-send a renewed cookie.
        if (session.renewed && context.credentials.via === 'cookie') context.setSessionCookie(context.credentials.token, session.expiresAt);
        return `user:${session.user.id}`;
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        // An invalid token is the procedure's to refuse; the key falls back to the anonymous scope.
      }
    }
    return `anon:${request.ip}`;
  }

  async function acquire(input: { scope: string; key: string; requestHash: string }): Promise<ClaimOutcome> {
    const started = performance.now();
    let interval = 10;
    let waited = false;
    for (;;) {
      const outcome = await claimIdempotencyKey(deps, input, options);
      const left = options.waitMs - (performance.now() - started);
      if (outcome.kind !== 'running' || left <= 0) {
        if (waited) outcomes.inc({ outcome: 'waited' });
        return outcome;
      }
      waited = true;
      await signals.wait(signalId(input), Math.min(interval, left));
      interval = Math.min(interval * 2, MAX_POLL_MS);
    }
  }

  app.addHook('preHandler', async (request, reply) => {
    const transport = transportOf(request);
    if (!transport) return;
    const header = request.headers[IDEMPOTENCY_KEY_HEADER];
    if (header === undefined) return;

    const refuse = (code: ErrorCode, message: string, extra: { details?: unknown; retryAfterSeconds?: number } = {}) => {
      outcomes.inc({ outcome: code === 'VALIDATION_ERROR' ? 'invalid' : code === 'IDEMPOTENCY_KEY_REUSED' ? 'reused' : 'in_use' });
      return transport === 'rest' ? sendError(request, reply, code, message, extra) : sendTrpcError(request, reply, code, message, extra);
    };
    let key: string;
    try {
      key = parseIdempotencyKey(header);
    } catch (error) {
      const appError = error as AppError;
      return refuse('VALIDATION_ERROR', appError.message, { details: appError.details });
    }
    if (isStream(request.body)) {
      return refuse('VALIDATION_ERROR', 'Idempotency-Key is not supported on streamed (multipart) bodies', {
        details: [{ path: 'Idempotency-Key', message: 'not supported on streamed bodies' }],
      });
    }

    const scope = await scopeOf(request, reply);
    const requestHash = hashIdempotentRequest({
      method: request.method,
      url: request.url,
      body: request.body as Buffer | string | object | null | undefined,
    });
    const outcome = await acquire({ scope, key, requestHash });
    switch (outcome.kind) {
      case 'claimed':
        held.set(request, { claim: outcome.claim, settled: false });
        outcomes.inc({ outcome: outcome.claim.takenOver ? 'taken_over' : 'claimed' });
        return;
      case 'completed': {
        outcomes.inc({ outcome: 'replayed' });
        reply.code(outcome.response.status);
        for (const [name, value] of Object.entries(outcome.response.headers)) reply.header(name, value);
        reply.header(IDEMPOTENCY_REPLAYED, 'true');
        // A Buffer goes out as is: Fastify would append a charset to a string's JSON content-type.
        return reply.send(Buffer.from(outcome.response.body, 'utf8'));
      }
      case 'mismatch':
        return refuse('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used for a different request; use a new key');
      case 'running':
        return refuse('IDEMPOTENCY_KEY_IN_USE', 'A request with this Idempotency-Key is still running; retry shortly', {
          retryAfterSeconds: options.retryAfterSeconds,
        });
    }
  });

  async function settle(request: FastifyRequest, state: Held, response: StoredResponse | null): Promise<void> {
    state.settled = true;
    try {
      if (response) {
        const stored = await completeIdempotencyKey(deps, state.claim, response);
        outcomes.inc({ outcome: stored ? 'stored' : 'lost' });
        if (!stored)
          request.log.warn({ scope: state.claim.scope }, 'idempotency claim was taken over before this run finished; response not stored');
      } else {
        await releaseIdempotencyKey(deps, state.claim);
        outcomes.inc({ outcome: 'released' });
      }
    } catch (error) {
      // The operation has run; its answer still goes out. The key stays running until
      // locked_until, then a retry takes it over (documented gap: see README).
      request.log.error({ err: error }, 'could not store the idempotent response');
    } finally {
      signals.signal(signalId(state.claim));
    }
  }

  app.addHook('onSend', async (request, reply, payload) => {
    const state = held.get(request);
    if (!state || state.settled) return payload;
    let out: unknown = payload;
    let bytes: Buffer | null = null;
    if (isWebResponse(payload)) {
      bytes = await readWebResponse(reply, payload);
      out = bytes;
    } else if (typeof payload === 'string') bytes = Buffer.from(payload, 'utf8');
    else if (Buffer.isBuffer(payload)) bytes = payload;
    else if (payload === null || payload === undefined) bytes = Buffer.alloc(0);

    const status = reply.statusCode;
    const storable = bytes !== null && isUtf8(bytes) && status < 500 && status !== 429;
    const headers: Record<string, string> = {};
    for (const name of KEPT_HEADERS) {
      const value = reply.getHeader(name);
      if (value !== undefined) headers[name] = String(value);
    }
    await settle(request, state, storable && bytes ? { status, headers, body: bytes.toString('utf8') } : null);
    return out;
  });

  // A claimed request that never reached onSend (aborted, hijacked) gives its key back.
  app.addHook('onResponse', async (request) => {
    const state = held.get(request);
    if (state && !state.settled) await settle(request, state, null);
  });

  return { metrics: [outcomes, waiting], options };
}
