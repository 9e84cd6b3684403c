/**
 * The contract every payment gateway adapter fulfils (DESIGN.md §6). Adapters
 * speak their gateway's published protocol; the payments use cases only see this.
 *
 * How the core drives it (no adapter method is ever called inside a database
 * transaction — every method may do network I/O):
 *
 * 1. `createCheckout` when a payment is initiated; keep `providerReference` on the intent.
 * 2. `verifyWebhook` on the raw body of a gateway callback: it throws
 *    `WEBHOOK_SIGNATURE_INVALID` or returns an event (or `null` for an authentic
 *    callback that concerns nothing we act on). Record it under
 *    (gateway, `eventId`) and enqueue the job, then answer 200.
 * 3. The job: when `event.needsConfirmation` is true the event is only a hint and
 *    the job MUST act on `fetchStatus` instead; otherwise it may act on the event,
 *    after `matchIntent(event, intent)` (the adapter cannot know what the intent expects).
 *    `fetchStatus` already compares amount, currency and reference with the intent.
 * 4. Reconciliation calls `fetchStatus` for intents stuck in initiated/pending.
 * 5. Refunds call `refund` with a stable `refundKey` (retries reuse it).
 */
export type GatewayName = 'sandbox' | 'payhere' | 'mintpay' | 'flutterwave' | 'stripe';

export const GATEWAY_NAMES: readonly GatewayName[] = ['sandbox', 'payhere', 'mintpay', 'flutterwave', 'stripe'];

/** What the client opens: a redirect, an auto-submitted form, or a Stripe client secret. */
export type Checkout = { url: string } | { formAction: string; fields: Record<string, string> } | { clientSecret: string };

export interface CreateCheckoutInput {
  /** Our payment intent id; becomes the gateway's order reference (order_id, tx_ref, metadata.intentId). */
  intentId: string;
  amountMinor: number;
  /** ISO 4217, upper case. */
  currency: string;
  description: string;
  customer: { id: string; name?: string; email?: string; phone?: string; address?: string; city?: string; country?: string };
  /** Where the customer's browser lands after paying. */
  returnUrl: string;
  /** Where the customer's browser lands after cancelling. */
  cancelUrl: string;
  /** Our `/payments/webhook/{provider}` URL, for gateways that take it per payment. */
  notifyUrl: string;
  /** The server's clock (links that expire are signed against it); the wall clock when absent. */
  now?: Date;
}

export interface CheckoutResult {
  checkout: Checkout;
  /** The gateway's id for this checkout (Stripe PaymentIntent, MintPay purchase); pass it back to `fetchStatus`. */
  providerReference?: string;
}

/**
 * - `pending`: not decided yet.
 * - `succeeded`: money captured (for `fetchStatus`: for exactly the intent's amount, currency and reference).
 * - `failed`: declined, cancelled or expired; no money captured.
 * - `mismatch`: the gateway captured money but amount, currency or reference differ from the
 *   intent. Never confirm; the money needs a review or a refund.
 * - `reversed`: captured, then refunded or charged back at the gateway.
 */
export type GatewayPaymentStatus = 'pending' | 'succeeded' | 'failed' | 'mismatch' | 'reversed';

/** What a gateway says about one intent's payment. */
export interface GatewayPayment {
  intentId: string;
  status: GatewayPaymentStatus;
  /** As the gateway reports it, parsed exactly into minor units. */
  amountMinor: number;
  currency: string;
  /** The gateway's id of the captured payment; `refund` needs it. */
  providerPaymentId?: string;
}

export interface GatewayEvent extends GatewayPayment {
  /** Unique per gateway: (gateway, eventId) is recorded once, so a webhook applies once. */
  eventId: string;
  /**
   * True when the callback proves nothing by itself (Flutterwave's shared-secret header,
   * MintPay's browser redirect): act only on `fetchStatus`, never on this event.
   */
  needsConfirmation: boolean;
}

export interface WebhookRequest {
  /** The body exactly as received (for MintPay's browser return: the raw query string). */
  rawBody: Buffer;
  headers: Record<string, string | string[] | undefined>;
}

/** The intent `fetchStatus` checks the gateway's answer against. */
export interface StatusQuery {
  intentId: string;
  amountMinor: number;
  currency: string;
  /** From `createCheckout` (Stripe, MintPay need it). */
  providerReference?: string;
  /** From an event (Flutterwave verifies by transaction id when it has one). */
  providerPaymentId?: string;
}

export interface RefundInput {
  providerPaymentId: string;
  amountMinor: number;
  currency: string;
  /** Our refund id; sent as the idempotency key where the gateway has one, so a retry never refunds twice. */
  refundKey: string;
  reason?: string;
}

export interface RefundResult {
  refundId: string;
  /** `pending`: accepted, settles later. A refused refund throws `GatewayError`. */
  status: 'succeeded' | 'pending';
}

export interface PaymentGateway {
  readonly name: GatewayName;
  createCheckout(input: CreateCheckoutInput): Promise<CheckoutResult>;
  /**
   * Verifies the signature on the raw body (constant-time) and parses the event.
   * Throws `AppError('WEBHOOK_SIGNATURE_INVALID')`; returns null for an authentic
   * callback about something we do not act on (another event type, another merchant object).
   */
  verifyWebhook(request: WebhookRequest, now: Date): Promise<GatewayEvent | null>;
  /**
   * Asks the gateway what it knows and compares it with the intent. Null when the
   * gateway has no record of it (yet), or has no status API (sandbox: its signed
   * events are authoritative).
   */
  fetchStatus(query: StatusQuery): Promise<GatewayPayment | null>;
  refund(input: RefundInput): Promise<RefundResult>;
}

/**
 * Demotes `succeeded` to `mismatch` when the gateway's amount, currency or reference
 * differ from the intent: a payment for other money must never confirm a booking.
 * Used by every `fetchStatus`, and by the core on events it acts on directly.
 */
export function matchIntent<T extends GatewayPayment>(payment: T, intent: { intentId: string; amountMinor: number; currency: string }): T {
  if (payment.status !== 'succeeded') return payment;
  const same =
    payment.intentId === intent.intentId &&
    payment.amountMinor === intent.amountMinor &&
    payment.currency.toUpperCase() === intent.currency.toUpperCase();
  return same ? payment : { ...payment, status: 'mismatch' };
}
