import { z } from 'zod';
import type {
  CheckoutResult,
  CreateCheckoutInput,
  GatewayEvent,
  GatewayPayment,
  PaymentGateway,
  RefundInput,
  RefundResult,
  WebhookRequest,
} from '../payment-gateway';
import { DEFAULT_TOLERANCE_SECONDS, signTimestamped, singleHeader, verifyTimestamped } from '../signing/timestamped-signature';
import { readJsonBody } from '../webhook-body';
import { SANDBOX_LINK_PARAMETER, signSandboxPayLink } from './sandbox-link';

/**
 * The built-in sandbox: our own hosted page (`/sandbox/pay/{intentId}`, served by the
 * server) with Approve and Decline, which posts a signed event to
 * `/api/v1/payments/webhook/sandbox`:
 *
 *   Fareway-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>" under SANDBOX_WEBHOOK_SECRET>
 *   { "id": "<event id>", "type": "payment.succeeded" | "payment.failed",
 *     "data": { "intentId": "...", "amountMinor": 1000, "currency": "LKR" } }
 *
 * Events more than 300 s away from now (either way) are refused. The signed event
 * is authoritative (there is no status API), so `fetchStatus` returns null.
 */
export const SANDBOX_SIGNATURE_HEADER = 'Fareway-Signature';

export interface SandboxGatewayConfig {
  /** The server's public base URL; the hosted page lives under it. */
  publicUrl: string;
  webhookSecret: string;
  toleranceSeconds?: number;
}

export type SandboxEventType = 'payment.succeeded' | 'payment.failed';

export interface SandboxEvent {
  id: string;
  type: SandboxEventType;
  data: { intentId: string; amountMinor: number; currency: string };
}

const eventSchema = z.object({
  id: z.string().min(1).max(255),
  type: z.string(),
  data: z.object({
    intentId: z.string().min(1),
    amountMinor: z.number().int().nonnegative().refine(Number.isSafeInteger),
    currency: z.string().regex(/^[A-Z]{3}$/),
  }),
});

/** The raw body the hosted page posts. */
export function buildSandboxEventBody(event: SandboxEvent): string {
  return JSON.stringify(event);
}

/** The `Fareway-Signature` header value for a raw body. */
export function signSandboxEvent(secret: string, rawBody: Buffer | string, nowSeconds: number): string {
  return signTimestamped(secret, rawBody, nowSeconds);
}

export function createSandboxGateway(config: SandboxGatewayConfig): PaymentGateway {
  if (!config.webhookSecret) throw new Error('sandbox gateway: webhookSecret is required');
  const base = config.publicUrl.replace(/\/+$/, '');
  const tolerance = config.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;

  return {
    name: 'sandbox',

    async createCheckout(input: CreateCheckoutInput): Promise<CheckoutResult> {
      // Security: the link itself is the capability (signed, expiring), so only whoever the customer's app opens it for can approve or decline.
      const nowSeconds = Math.floor((input.now ?? new Date()).getTime() / 1000);
      const link = signSandboxPayLink(config.webhookSecret, input.intentId, nowSeconds);
      return { checkout: { url: `${base}/sandbox/pay/${encodeURIComponent(input.intentId)}?${SANDBOX_LINK_PARAMETER}=${link}` } };
    },

    async verifyWebhook(request: WebhookRequest, now: Date): Promise<GatewayEvent | null> {
      verifyTimestamped({
        header: singleHeader(request.headers, SANDBOX_SIGNATURE_HEADER),
        secret: config.webhookSecret,
        rawBody: request.rawBody,
        now,
        toleranceSeconds: tolerance,
      });
      const event = readJsonBody(eventSchema, request.rawBody, 'Sandbox event');
      const status = event.type === 'payment.succeeded' ? 'succeeded' : event.type === 'payment.failed' ? 'failed' : undefined;
      if (!status) return null;
      return {
        eventId: event.id,
        intentId: event.data.intentId,
        status,
        amountMinor: event.data.amountMinor,
        currency: event.data.currency,
        providerPaymentId: `sbx_${event.data.intentId}`,
        // Signed by us with a secret only the server holds: authoritative.
        needsConfirmation: false,
      };
    },

    async fetchStatus(): Promise<GatewayPayment | null> {
      return null;
    },

    async refund(input: RefundInput): Promise<RefundResult> {
      // Nothing to call: the sandbox moves no money. Derived from the key, so a retry returns the same id.
      return { refundId: `sbx_re_${input.refundKey}`, status: 'succeeded' };
    },
  };
}
