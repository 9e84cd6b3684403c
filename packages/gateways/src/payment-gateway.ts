/**
 * The contract every payment gateway adapter fulfils (DESIGN.md §6). Adapters
 * speak their gateway's published protocol; the payments use cases only see this.
 * No adapter method is ever called inside a database transaction.
 */
export type GatewayName = 'sandbox' | 'payhere' | 'mintpay' | 'flutterwave' | 'stripe';

export type Checkout = { url: string } | { formAction: string; fields: Record<string, string> } | { clientSecret: string };

export interface CreateCheckoutInput {
  intentId: string;
  amountMinor: number;
  currency: string;
  description: string;
  customer: { id: string; name?: string; email?: string; phone?: string };
  returnUrl: string;
  cancelUrl: string;
  notifyUrl: string;
}

export type GatewayPaymentStatus = 'pending' | 'succeeded' | 'failed';

export interface GatewayEvent {
  /** Unique per gateway: (gateway, eventId) is recorded once, so a webhook applies once. */
  eventId: string;
  intentId: string;
  status: GatewayPaymentStatus;
  amountMinor: number;
  currency: string;
  providerPaymentId?: string;
}

export interface WebhookRequest {
  rawBody: Buffer;
  headers: Record<string, string | string[] | undefined>;
}

export interface PaymentGateway {
  readonly name: GatewayName;
  createCheckout(input: CreateCheckoutInput): Promise<{ checkout: Checkout; providerReference?: string }>;
  /** Verifies the signature on the raw body (constant-time) and parses the event; throws WEBHOOK_SIGNATURE_INVALID. */
  verifyWebhook(request: WebhookRequest, now: Date): Promise<GatewayEvent>;
  /** Asks the gateway what it knows, for webhooks that are only hints and for reconciliation. */
  fetchStatus(intentId: string, providerReference?: string): Promise<GatewayEvent | null>;
  refund(input: { providerPaymentId: string; amountMinor: number; currency: string; reason?: string }): Promise<{ refundId: string }>;
}
