import Stripe from 'stripe';
import { z } from 'zod';
import { GatewayError } from '../gateway-error';
import {
  type CheckoutResult,
  type CreateCheckoutInput,
  type GatewayEvent,
  type GatewayPayment,
  type GatewayPaymentStatus,
  matchIntent,
  type PaymentGateway,
  type RefundInput,
  type RefundResult,
  type StatusQuery,
  type WebhookRequest,
} from '../payment-gateway';
import { DEFAULT_TOLERANCE_SECONDS, singleHeader, verifyTimestamped } from '../signing/timestamped-signature';
import { readJsonBody } from '../webhook-body';

/**
 * Stripe through the official `stripe` package: PaymentIntents (client secret for
 * Stripe.js), retrieve for status, refunds with our refund id as idempotency key.
 *
 * Webhooks: `Stripe-Signature: t=..,v1=..`, HMAC-SHA256 over `t.rawBody`, verified by
 * our own implementation (the tests check it against Stripe's library both ways)
 * because `constructEvent` only refuses old timestamps and we refuse far-future ones
 * too (300 s either way). Event id = Stripe's `evt_...`.
 *
 * Note: a PaymentIntent may still succeed after `payment_intent.payment_failed` (the
 * customer tries another card), so a later `succeeded` must be able to win over `failed`.
 */
export const STRIPE_SIGNATURE_HEADER = 'Stripe-Signature';

export interface StripeGatewayConfig {
  secretKey: string;
  /** whsec_...: the endpoint's signing secret. */
  webhookSecret: string;
  /** Default https://api.stripe.com; a fake's URL in tests. */
  apiUrl?: string;
  timeoutMs?: number;
  toleranceSeconds?: number;
  /** Stripe's own retries (with idempotency keys); default 1. */
  maxNetworkRetries?: number;
}

const EVENT_STATUS: Record<string, GatewayPaymentStatus> = {
  'payment_intent.succeeded': 'succeeded',
  'payment_intent.payment_failed': 'failed',
  'payment_intent.processing': 'pending',
  'payment_intent.canceled': 'failed',
};

const eventSchema = z.object({
  id: z.string().min(1),
  type: z.string(),
  data: z.object({
    object: z.object({
      id: z.string(),
      object: z.string().optional(),
      amount: z.number().int().nonnegative().optional(),
      currency: z.string().optional(),
      metadata: z.record(z.string(), z.string()).nullish(),
    }),
  }),
});

function intentStatus(status: Stripe.PaymentIntent['status']): GatewayPaymentStatus {
  if (status === 'succeeded') return 'succeeded';
  if (status === 'canceled') return 'failed';
  return 'pending'; // requires_* and processing: the customer or the bank still has to act
}

function clientOptions(config: StripeGatewayConfig): ConstructorParameters<typeof Stripe>[1] {
  const options: NonNullable<ConstructorParameters<typeof Stripe>[1]> = {
    timeout: config.timeoutMs ?? 15_000,
    maxNetworkRetries: config.maxNetworkRetries ?? 1,
    appInfo: { name: 'fareway' },
  };
  if (config.apiUrl) {
    const url = new URL(config.apiUrl);
    const protocol = url.protocol === 'http:' ? 'http' : 'https';
    options.host = url.hostname;
    options.port = url.port || (protocol === 'http' ? 80 : 443);
    options.protocol = protocol;
  }
  return options;
}

/** Stripe's errors say which call failed and whether it may be retried; keep that, drop the rest. */
function wrap(operation: string, error: unknown): GatewayError {
  if (error instanceof GatewayError) return error;
  if (error instanceof Stripe.errors.StripeConnectionError) {
    const timedOut = /timed? ?out/i.test(error.message);
    return new GatewayError('stripe', operation, timedOut ? 'timeout' : 'network', error.message, { cause: error });
  }
  if (error instanceof Stripe.errors.StripeError) {
    const status = error.statusCode;
    const retryable = status === undefined || status === 429 || status >= 500;
    return new GatewayError('stripe', operation, 'http', `HTTP ${status ?? '?'} ${error.type}: ${error.message}`, {
      httpStatus: status,
      retryable,
      cause: error,
    });
  }
  return new GatewayError('stripe', operation, 'network', error instanceof Error ? error.message : String(error), { cause: error });
}

export function createStripeGateway(config: StripeGatewayConfig): PaymentGateway {
  if (!config.secretKey || !config.webhookSecret) throw new Error('stripe gateway: secretKey and webhookSecret are required');
  const stripe = new Stripe(config.secretKey, clientOptions(config));
  const tolerance = config.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;

  return {
    name: 'stripe',

    async createCheckout(input: CreateCheckoutInput): Promise<CheckoutResult> {
      let intent: Stripe.PaymentIntent;
      try {
        intent = await stripe.paymentIntents.create(
          {
            amount: input.amountMinor,
            currency: input.currency.toLowerCase(),
            description: input.description,
            metadata: { intentId: input.intentId },
            automatic_payment_methods: { enabled: true },
            ...(input.customer.email ? { receipt_email: input.customer.email } : {}),
          },
          // Initiating twice returns the same PaymentIntent instead of a second charge.
          { idempotencyKey: input.intentId },
        );
      } catch (error) {
        throw wrap('create checkout', error);
      }
      if (!intent.client_secret)
        throw new GatewayError('stripe', 'create checkout', 'invalid_response', 'PaymentIntent has no client_secret');
      return { checkout: { clientSecret: intent.client_secret }, providerReference: intent.id };
    },

    async verifyWebhook(request: WebhookRequest, now: Date): Promise<GatewayEvent | null> {
      verifyTimestamped({
        header: singleHeader(request.headers, STRIPE_SIGNATURE_HEADER),
        secret: config.webhookSecret,
        rawBody: request.rawBody,
        now,
        toleranceSeconds: tolerance,
      });
      const event = readJsonBody(eventSchema, request.rawBody, 'Stripe event');
      const status = EVENT_STATUS[event.type];
      const object = event.data.object;
      const intentId = object.metadata?.intentId;
      // Authentic, but not a PaymentIntent event we act on, or a PaymentIntent we did not create.
      if (!status || !intentId || object.amount === undefined || !object.currency) return null;
      return {
        eventId: event.id,
        intentId,
        status,
        amountMinor: object.amount,
        currency: object.currency.toUpperCase(),
        providerPaymentId: object.id,
        // Signed with the endpoint secret over the raw body: Stripe's word.
        needsConfirmation: false,
      };
    },

    async fetchStatus(query: StatusQuery): Promise<GatewayPayment | null> {
      const id = query.providerReference ?? query.providerPaymentId;
      if (!id) return null;
      let intent: Stripe.PaymentIntent;
      try {
        intent = await stripe.paymentIntents.retrieve(id);
      } catch (error) {
        if (error instanceof Stripe.errors.StripeError && error.statusCode === 404) return null;
        throw wrap('fetch status', error);
      }
      return matchIntent(
        {
          intentId: intent.metadata.intentId ?? '',
          status: intentStatus(intent.status),
          amountMinor: intent.amount,
          currency: intent.currency.toUpperCase(),
          providerPaymentId: intent.id,
        },
        query,
      );
    },

    async refund(input: RefundInput): Promise<RefundResult> {
      let refund: Stripe.Refund;
      try {
        refund = await stripe.refunds.create(
          {
            payment_intent: input.providerPaymentId,
            amount: input.amountMinor,
            metadata: { refundKey: input.refundKey, reason: input.reason ?? '' },
          },
          { idempotencyKey: `refund:${input.refundKey}` },
        );
      } catch (error) {
        throw wrap('refund', error);
      }
      if (refund.status === 'failed' || refund.status === 'canceled') {
        throw new GatewayError(
          'stripe',
          'refund',
          'declined',
          `refund ${refund.id} ${refund.status}${refund.failure_reason ? `: ${refund.failure_reason}` : ''}`,
        );
      }
      return { refundId: refund.id, status: refund.status === 'succeeded' ? 'succeeded' : 'pending' };
    },
  };
}
