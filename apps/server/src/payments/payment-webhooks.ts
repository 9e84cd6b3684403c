import { type Deps, findPayment, recordPaymentEvent } from '@fareway/core';
import { findAppError } from '@fareway/domain';
import { GATEWAY_NAMES, type GatewayEvent, type GatewayName, type PaymentGateway } from '@fareway/gateways';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Counter, type Registry } from 'prom-client';
import { sendError } from '../envelope';

/** The adapter behind `/payments/webhook/{provider}`, or undefined when that provider is not offered here. */
function webhookGateway(deps: Deps, provider: string): PaymentGateway | undefined {
  if (!(GATEWAY_NAMES as readonly string[]).includes(provider)) return undefined;
  if (provider === 'sandbox' && !deps.config.payments.sandboxEnabled) return undefined;
  return deps.gateways[provider as GatewayName];
}

/**
 * `POST /api/v1/payments/webhook/{provider}` (and MintPay's browser return,
 * `GET /api/v1/payments/webhook/mintpay?…`): plain Fastify routes, outside the
 * tRPC/REST layer, because the signature is over the RAW body (PayHere posts
 * form-encoded, the others JSON). Verified by the adapter (constant-time);
 * a bad signature is 401 WEBHOOK_SIGNATURE_INVALID and leaves nothing but a
 * counter and a log line. A good one is recorded with its job in one
 * transaction and answered 200 at once; a duplicate answers 200 and changes nothing.
 */
export async function registerPaymentWebhooks(app: FastifyInstance, deps: Deps, metrics: Registry): Promise<void> {
  const refused = new Counter({
    name: 'fareway_webhook_signature_failures_total',
    help: 'Gateway webhooks refused for a bad signature, by provider',
    labelNames: ['provider'],
    registers: [metrics],
  });
  const received = new Counter({
    name: 'fareway_webhook_events_total',
    help: 'Verified gateway webhooks by provider and result (recorded, duplicate, ignored)',
    labelNames: ['provider', 'result'],
    registers: [metrics],
  });

  /** Verifies and records; returns the event (null when authentic but about nothing we act on), or has already replied. */
  async function accept(
    request: FastifyRequest,
    reply: FastifyReply,
    provider: string,
    rawBody: Buffer,
  ): Promise<{ event: GatewayEvent | null; duplicate: boolean } | undefined> {
    const gateway = webhookGateway(deps, provider);
    if (!gateway) {
      sendError(request, reply, 'NOT_FOUND', `No webhook for provider "${provider.slice(0, 40)}"`);
      return undefined;
    }
    let event: GatewayEvent | null;
    try {
      event = await gateway.verifyWebhook({ rawBody, headers: request.headers }, deps.clock.now());
    } catch (error) {
      const appError = findAppError(error);
      if (appError?.code === 'WEBHOOK_SIGNATURE_INVALID') {
        // Security: nothing is stored for an unverified body; the count and the log are the only trace.
        refused.inc({ provider });
        request.log.warn({ provider, reason: appError.message }, 'webhook signature refused');
        sendError(request, reply, 'WEBHOOK_SIGNATURE_INVALID', 'Webhook signature invalid');
        return undefined;
      }
      if (appError) {
        sendError(request, reply, appError.code, appError.message);
        return undefined;
      }
      throw error;
    }
    if (!event) {
      received.inc({ provider, result: 'ignored' });
      return { event: null, duplicate: false };
    }
    const { recorded } = await recordPaymentEvent(deps, gateway.name, event);
    received.inc({ provider, result: recorded ? 'recorded' : 'duplicate' });
    return { event, duplicate: !recorded };
  }

  await app.register(async (scope) => {
    // The body reaches the adapter byte for byte, whatever its content type.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

    scope.post<{ Params: { provider: string } }>('/api/v1/payments/webhook/:provider', async (request, reply) => {
      const rawBody = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const accepted = await accept(request, reply, request.params.provider, rawBody);
      if (!accepted) return reply;
      return reply
        .code(200)
        .type('application/json; charset=utf-8')
        .send({ success: true, data: { received: true, duplicate: accepted.duplicate } });
    });

    // MintPay has no server callback: the customer's browser comes back with a hashed query string,
    // which is only a hint (the job confirms with MintPay's status API); the browser then goes on to its page.
    scope.get('/api/v1/payments/webhook/mintpay', async (request, reply) => {
      const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?') + 1) : '';
      const accepted = await accept(request, reply, 'mintpay', Buffer.from(query));
      if (!accepted) return reply;
      const intentId = accepted.event?.intentId;
      const target = intentId ? await returnUrlOf(deps, intentId) : undefined;
      return reply.redirect(target ?? `${deps.config.http.publicUrl}/`, 303);
    });
  });
}

async function returnUrlOf(deps: Deps, intentId: string): Promise<string | undefined> {
  return (await findPayment(deps, intentId))?.returnUrl ?? undefined;
}
