import { toMajorUnits } from '@fareway/domain';
import { z } from 'zod';
import { constantTimeEqual } from '../constant-time';
import { GatewayError } from '../gateway-error';
import { parseAnswer, requestJson } from '../http/request-json';
import { parseNumericAmount } from '../money/decimal-amount';
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
import { invalid, singleHeader } from '../signing/timestamped-signature';
import { readJsonBody } from '../webhook-body';

/**
 * Flutterwave v3 (developer.flutterwave.com): Standard checkout (`POST /v3/payments`
 * → hosted link), webhooks authenticated by the `verif-hash` header (the secret hash
 * set in the dashboard, sent as is: it proves the sender knows it, not what the body
 * says), transaction verification, refunds. Because the header signs nothing, every
 * webhook needs confirmation: `fetchStatus` verifies the transaction by API and only
 * reports `succeeded` when status, tx_ref, amount and currency all match the intent
 * (exactly: an overpayment is a `mismatch` for review, not a success).
 *
 * Event id: `<transaction id>:<status>` (v3 webhooks carry no event id of their own).
 */
export const FLUTTERWAVE_URL = 'https://api.flutterwave.com';
export const FLUTTERWAVE_SIGNATURE_HEADER = 'verif-hash';

export interface FlutterwaveGatewayConfig {
  /** FLWSECK-...: bearer for the API. */
  secretKey: string;
  /** The webhook secret hash configured in the Flutterwave dashboard. */
  secretHash: string;
  baseUrl?: string;
  timeoutMs?: number;
  /** Shown on the hosted page. */
  title?: string;
}

const transactionSchema = z.object({
  id: z.union([z.number(), z.string()]).transform(String),
  tx_ref: z.string(),
  amount: z.number(),
  currency: z.string(),
  status: z.string(),
});

const webhookSchema = z.object({ event: z.string().optional(), data: transactionSchema });
const paymentLinkSchema = z.object({ status: z.literal('success'), data: z.object({ link: z.url() }) });
const verifySchema = z.object({ status: z.literal('success'), data: transactionSchema });
const refundSchema = z.object({
  status: z.string(),
  message: z.string().optional(),
  data: z.object({ id: z.union([z.number(), z.string()]).transform(String), status: z.string().optional() }).nullish(),
});
const errorSchema = z.object({ message: z.string().optional() });

function transactionStatus(status: string): GatewayPaymentStatus {
  const s = status.toLowerCase();
  if (s === 'successful') return 'succeeded';
  if (s === 'failed' || s === 'cancelled' || s === 'canceled') return 'failed';
  return 'pending';
}

export function createFlutterwaveGateway(config: FlutterwaveGatewayConfig): PaymentGateway {
  if (!config.secretKey || !config.secretHash) throw new Error('flutterwave gateway: secretKey and secretHash are required');
  const base = (config.baseUrl ?? FLUTTERWAVE_URL).replace(/\/+$/, '');
  const timeoutMs = config.timeoutMs ?? 15_000;
  const auth = { authorization: `Bearer ${config.secretKey}` };

  return {
    name: 'flutterwave',

    async createCheckout(input: CreateCheckoutInput): Promise<CheckoutResult> {
      const { body } = await requestJson({
        gateway: 'flutterwave',
        operation: 'create checkout',
        method: 'POST',
        url: `${base}/v3/payments`,
        headers: auth,
        json: {
          tx_ref: input.intentId,
          amount: toMajorUnits(input.amountMinor, input.currency),
          currency: input.currency,
          redirect_url: input.returnUrl,
          customer: { email: input.customer.email ?? '', phonenumber: input.customer.phone ?? '', name: input.customer.name ?? '' },
          customizations: { title: config.title ?? 'Fareway', description: input.description },
          meta: { intentId: input.intentId },
        },
        timeoutMs,
      });
      const answer = parseAnswer(paymentLinkSchema, body, 'flutterwave', 'create checkout');
      return { checkout: { url: answer.data.link } };
    },

    async verifyWebhook(request: WebhookRequest): Promise<GatewayEvent | null> {
      const header = singleHeader(request.headers, FLUTTERWAVE_SIGNATURE_HEADER);
      // The header is the shared secret itself; compare in constant time so its bytes cannot be probed.
      if (!header || !constantTimeEqual(header, config.secretHash)) throw invalid('verif-hash does not match');
      const event = readJsonBody(webhookSchema, request.rawBody, 'Flutterwave webhook');
      if (event.event !== 'charge.completed') return null;
      let amountMinor: number;
      try {
        amountMinor = parseNumericAmount(event.data.amount, event.data.currency);
      } catch {
        amountMinor = 0; // a hint only; fetchStatus reads the amount that counts
      }
      return {
        eventId: `${event.data.id}:${event.data.status}`,
        intentId: event.data.tx_ref,
        status: transactionStatus(event.data.status),
        amountMinor,
        currency: event.data.currency,
        providerPaymentId: event.data.id,
        // verif-hash authenticates the sender, not the body's claims: confirm by API.
        needsConfirmation: true,
      };
    },

    async fetchStatus(query: StatusQuery): Promise<GatewayPayment | null> {
      const url = query.providerPaymentId
        ? `${base}/v3/transactions/${encodeURIComponent(query.providerPaymentId)}/verify`
        : `${base}/v3/transactions/verify_by_reference?tx_ref=${encodeURIComponent(query.intentId)}`;
      const { status, body } = await requestJson({
        gateway: 'flutterwave',
        operation: 'verify transaction',
        method: 'GET',
        url,
        headers: auth,
        timeoutMs,
        answerStatuses: [400, 404],
      });
      if (status >= 400) {
        const message = errorSchema.safeParse(body).data?.message ?? '';
        // Flutterwave answers an unknown id or reference with 400/404 "No transaction was found".
        if (/no transaction|not found/i.test(message)) return null;
        throw new GatewayError('flutterwave', 'verify transaction', 'http', `HTTP ${status}: ${message || 'no message'}`, {
          httpStatus: status,
        });
      }
      const transaction = parseAnswer(verifySchema, body, 'flutterwave', 'verify transaction').data;
      let amountMinor: number;
      try {
        amountMinor = parseNumericAmount(transaction.amount, transaction.currency);
      } catch {
        throw new GatewayError('flutterwave', 'verify transaction', 'invalid_response', `unreadable amount ${transaction.amount}`);
      }
      return matchIntent(
        {
          intentId: transaction.tx_ref,
          status: transactionStatus(transaction.status),
          amountMinor,
          currency: transaction.currency,
          providerPaymentId: transaction.id,
        },
        query,
      );
    },

    async refund(input: RefundInput): Promise<RefundResult> {
      const { body } = await requestJson({
        gateway: 'flutterwave',
        operation: 'refund',
        method: 'POST',
        url: `${base}/v3/transactions/${encodeURIComponent(input.providerPaymentId)}/refund`,
        headers: auth,
        json: { amount: toMajorUnits(input.amountMinor, input.currency), comments: input.reason ?? `Refund ${input.refundKey}` },
        timeoutMs,
      });
      const answer = parseAnswer(refundSchema, body, 'flutterwave', 'refund');
      if (answer.status !== 'success' || !answer.data) {
        throw new GatewayError('flutterwave', 'refund', 'declined', answer.message ?? `status ${answer.status}`);
      }
      return { refundId: answer.data.id, status: answer.data.status?.toLowerCase() === 'completed' ? 'succeeded' : 'pending' };
    },
  };
}
