import { credentialsOf, validateRequestSession } from '@fareway/api';
import { type Deps, LeasedRateLimiter } from '@fareway/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sendError } from './envelope';
import { requestSessions } from './request-facts';

export type RateLimitGroup = 'general' | 'auth' | 'payments' | 'webhooks';

const SIGN_IN = /^\/api\/v1\/auth\/(send-otp|verify-otp|login|register)(\/|\?|$)/;
const PAYMENTS = /^\/api\/v1\/(payments\/|wallet\/top-up)/;
const WEBHOOKS = /^\/api\/v1\/payments\/webhook\//;
const TRPC_SIGN_IN = new Set(['auth.sendOtp', 'auth.verifyOtp', 'auth.login', 'journey.register']);

/** Which budget a request spends: the strictest of the procedures it calls (a tRPC batch names several). */
export function rateLimitGroupOf(url: string): RateLimitGroup | null {
  if (url.startsWith('/trpc/')) {
    const end = url.indexOf('?');
    const procedures = decodeURIComponent(url.slice('/trpc/'.length, end === -1 ? undefined : end)).split(',');
    if (procedures.some((p) => TRPC_SIGN_IN.has(p))) return 'auth';
    if (procedures.some((p) => p.startsWith('payments.') || p === 'wallet.topUp')) return 'payments';
    return 'general';
  }
  if (!url.startsWith('/api/v1')) return null;
  if (WEBHOOKS.test(url)) return 'webhooks';
  if (SIGN_IN.test(url)) return 'auth';
  if (PAYMENTS.test(url)) return 'payments';
  return 'general';
}

/**
 * The general per-client limit on `/api/v1` and `/trpc` (issue 15 item 3): per
 * user when the request carries a valid session, per IP otherwise; a budget per
 * route group (`RATE_LIMIT_*_PER_MINUTE`). Every answer carries the IETF
 * draft's `RateLimit-Limit`, `RateLimit-Remaining`, `RateLimit-Reset` (seconds)
 * and `RateLimit-Policy` (`600;w=60`); a refusal is `429 RATE_LIMITED` with
 * `Retry-After`. Decided in memory from leases taken from Postgres
 * (LeasedRateLimiter), so it holds across processes. Runs before idempotency
 * and the procedures: a refused request touches nothing.
 */
export function registerRateLimit(app: FastifyInstance, deps: Deps): LeasedRateLimiter {
  const limiter = new LeasedRateLimiter(deps.db, deps.clock, { log: deps.log });
  const { rateLimit } = deps.config;
  const limits: Record<RateLimitGroup, number> = {
    general: rateLimit.perMinute,
    auth: rateLimit.authPerMinute,
    payments: rateLimit.paymentsPerMinute,
    webhooks: rateLimit.webhooksPerMinute,
  };
  const policies = Object.fromEntries(Object.entries(limits).map(([group, limit]) => [group, `${limit};w=60`])) as Record<
    RateLimitGroup,
    string
  >;

  const clientOf = async (request: FastifyRequest, group: RateLimitGroup): Promise<string> => {
    if (group !== 'webhooks') {
      const authorization = request.headers.authorization;
      const credentials = credentialsOf({
        authorization: typeof authorization === 'string' ? authorization : null,
        cookies: request.cookies,
      });
      if (credentials) {
        // Validated once per request (the procedure reuses it); an invalid token counts against its address.
        const session = await validateRequestSession(deps, requestSessions(request), credentials.token).catch(() => null);
        if (session) return `user:${session.user.id}`;
      }
    }
    return `ip:${request.ip}`;
  };

  app.addHook('onRequest', async (request, reply) => {
    if (request.method === 'OPTIONS') return;
    const group = rateLimitGroupOf(request.url);
    if (!group) return;
    const decision = await limiter.hit(`${group}:${await clientOf(request, group)}`, limits[group]);
    reply.header('RateLimit-Limit', String(decision.limit));
    reply.header('RateLimit-Remaining', String(decision.remaining));
    reply.header('RateLimit-Reset', String(decision.resetSeconds));
    reply.header('RateLimit-Policy', policies[group]);
    if (!decision.allowed) {
      return sendError(request, reply, 'RATE_LIMITED', `Too many requests; try again in ${decision.resetSeconds} s`, {
        retryAfterSeconds: decision.resetSeconds,
      });
    }
  });
  return limiter;
}
