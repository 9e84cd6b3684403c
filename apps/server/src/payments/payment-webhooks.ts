import type { ExtraOperation } from '@fareway/api';
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
      let rawBody = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      // MintPay's return as a mobile app relays it (seed 000): its fields as JSON or a form. Only a hint either way —
      // the hash is checked as on the GET return and the job confirms with MintPay's status API before anything changes.
      if (request.params.provider === 'mintpay') rawBody = mintPayHint(request, rawBody);
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

/** The return's fields as the query string the adapter verifies: a JSON object's string fields, a form as it is, or the URL's own query. */
function mintPayHint(request: FastifyRequest, rawBody: Buffer): Buffer {
  const type = request.headers['content-type'] ?? '';
  if (type.startsWith('application/json')) {
    try {
      const fields = JSON.parse(rawBody.toString('utf8')) as unknown;
      if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) return Buffer.alloc(0);
      const entries = Object.entries(fields).filter((entry): entry is [string, string] => typeof entry[1] === 'string');
      return Buffer.from(new URLSearchParams(entries).toString());
    } catch {
      return Buffer.alloc(0);
    }
  }
  if (rawBody.length === 0 && request.url.includes('?')) return Buffer.from(request.url.slice(request.url.indexOf('?') + 1));
  return rawBody;
}

const WEBHOOK_ERRORS = ['VALIDATION_ERROR', 'NOT_FOUND', 'WEBHOOK_SIGNATURE_INVALID'] as const;
const MINTPAY_RETURN = {
  type: 'object',
  required: ['orderId', 'hash'],
  properties: {
    orderId: { type: 'string', description: 'The payment intent id' },
    amount: { type: 'string', example: '10000.00' },
    result: { type: 'string', enum: ['success', 'fail'] },
    hash: { type: 'string', description: "MintPay's base64 HMAC of the return" },
  },
};

/** The gateway routes in the OpenAPI document, beside the generated operations. */
export function webhookOperations(): ExtraOperation[] {
  const received = {
    type: 'object',
    required: ['received', 'duplicate'],
    properties: {
      received: { type: 'boolean', const: true },
      duplicate: { type: 'boolean', description: 'The event id was seen before; nothing changed' },
    },
  };
  return [
    {
      method: 'post',
      path: '/payments/webhook/{provider}',
      facts: { auth: 'none', admin: false, organization: false, declared: WEBHOOK_ERRORS },
      operation: {
        operationId: 'payments-webhook',
        tags: ['payments'],
        summary: 'A gateway reports a payment',
        description:
          "Called by the gateways, not by apps: the raw body is verified with the provider's own scheme (sandbox and Stripe: " +
          '`t=<unix>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">` in `Fareway-Signature` / `Stripe-Signature`, 300 s tolerance; ' +
          'PayHere: `md5sig` in the form; Flutterwave: `verif-hash`; MintPay: the return hash, as JSON or a form, a hint only). ' +
          'A verified event is recorded once under its id and applied by a job that re-checks with the gateway.',
        parameters: [
          { name: 'provider', in: 'path', required: true, schema: { type: 'string', enum: [...GATEWAY_NAMES] } },
          {
            name: 'Fareway-Signature',
            in: 'header',
            required: false,
            schema: { type: 'string' },
            description: 'Sandbox gateway signature',
          },
          { name: 'Stripe-Signature', in: 'header', required: false, schema: { type: 'string' } },
          { name: 'verif-hash', in: 'header', required: false, schema: { type: 'string' }, description: 'Flutterwave' },
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: { type: 'object', description: "The gateway's event as it sends it" },
              example: {
                id: 'evt_1',
                type: 'payment.succeeded',
                data: { intentId: '0195b4a1-7c2e-7d3f-9a10-5e6f7a8b9c0d', amountMinor: 1_000_000, currency: 'LKR' },
              },
            },
            'application/x-www-form-urlencoded': {
              schema: { type: 'object', description: 'PayHere notify_url fields; MintPay return fields' },
            },
          },
        },
      },
      responses: {
        '200': { description: 'Verified and recorded (or seen before)', content: { 'application/json': { schema: received } } },
      },
    },
    {
      method: 'get',
      path: '/payments/webhook/mintpay',
      facts: { auth: 'none', admin: false, organization: false, declared: WEBHOOK_ERRORS },
      operation: {
        operationId: 'payments-mintpayReturn',
        tags: ['payments'],
        summary: "MintPay's browser return",
        description:
          "MintPay has no server callback: the customer's browser comes back here with a hashed query. It is a hint: the hash is " +
          "checked, the payment is confirmed with MintPay's status API by a job, and the browser goes on to the payment's return URL.",
        parameters: Object.entries(MINTPAY_RETURN.properties).map(([name, schema]) => ({
          name,
          in: 'query',
          required: MINTPAY_RETURN.required.includes(name),
          schema: { type: 'string', ...('enum' in schema ? { enum: schema.enum } : {}) },
        })),
      },
      responses: {
        '303': {
          description: "On to the payment's return URL (or the site's home)",
          headers: { Location: { schema: { type: 'string', format: 'uri' } } },
        },
      },
    },
  ];
}

async function returnUrlOf(deps: Deps, intentId: string): Promise<string | undefined> {
  return (await findPayment(deps, intentId))?.returnUrl ?? undefined;
}
