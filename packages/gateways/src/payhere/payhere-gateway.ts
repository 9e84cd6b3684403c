import { createHash } from 'node:crypto';
import { z } from 'zod';
import { constantTimeEqual } from '../constant-time';
import { GatewayError } from '../gateway-error';
import { parseAnswer, requestJson } from '../http/request-json';
import { formatDecimalAmount, parseDecimalAmount, parseNumericAmount } from '../money/decimal-amount';
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
import { invalid } from '../signing/timestamped-signature';
import { malformed } from '../webhook-body';

/**
 * PayHere (support.payhere.lk): Checkout API (an HTML form the browser posts),
 * notify callback (form-encoded, signed with md5sig), OAuth client-credentials for
 * the merchant APIs, Retrieval API for status, Refund API.
 *
 * Event id: `<payment_id>:<status_code>`, so the same callback delivered twice is
 * recorded once while a later change of the same payment (2 → -3 chargeback) is a
 * new event. PayHere's scheme has no timestamp: replays are harmless because of that
 * dedupe, and the core's state machine ignores stale statuses.
 */
export const PAYHERE_SANDBOX_URL = 'https://sandbox.payhere.lk';
export const PAYHERE_LIVE_URL = 'https://www.payhere.lk';

export interface PayHereGatewayConfig {
  merchantId: string;
  /** The domain/app's Merchant Secret: keys the checkout hash and md5sig. */
  merchantSecret: string;
  /** Business App credentials for the OAuth merchant APIs (retrieval, refund). */
  appId: string;
  appSecret: string;
  /** PAYHERE_SANDBOX_URL (default) or PAYHERE_LIVE_URL, or a fake in tests. */
  baseUrl?: string;
  timeoutMs?: number;
  /** PayHere requires address, city and country; used when the customer has none on file. */
  defaultAddress?: { address: string; city: string; country: string };
}

const md5Upper = (text: string) => createHash('md5').update(text, 'utf8').digest('hex').toUpperCase();

/** `UPPER(MD5(merchant_id + order_id + amount + currency + UPPER(MD5(merchant_secret))))`, amount with 2 decimals. */
export function payHereCheckoutHash(p: {
  merchantId: string;
  orderId: string;
  amount: string;
  currency: string;
  merchantSecret: string;
}): string {
  return md5Upper(p.merchantId + p.orderId + p.amount + p.currency + md5Upper(p.merchantSecret));
}

/** `UPPER(MD5(merchant_id + order_id + payhere_amount + payhere_currency + status_code + UPPER(MD5(merchant_secret))))`. */
export function payHereNotifySignature(p: {
  merchantId: string;
  orderId: string;
  payhereAmount: string;
  payhereCurrency: string;
  statusCode: string;
  merchantSecret: string;
}): string {
  return md5Upper(p.merchantId + p.orderId + p.payhereAmount + p.payhereCurrency + p.statusCode + md5Upper(p.merchantSecret));
}

/** The notify callback's status_code. */
const NOTIFY_STATUS: Record<string, GatewayPaymentStatus> = {
  '2': 'succeeded',
  '0': 'pending',
  '-1': 'failed', // cancelled
  '-2': 'failed',
  '-3': 'reversed', // charged back
};

const tokenSchema = z.object({ access_token: z.string().min(1), expires_in: z.number().positive().optional() });

const retrievalSchema = z.object({
  status: z.number(),
  msg: z.string().optional(),
  data: z
    .array(
      z.object({
        payment_id: z.union([z.number(), z.string()]),
        order_id: z.union([z.string(), z.number()]).transform(String),
        status: z.string(),
        currency: z.string(),
        amount: z.number(),
      }),
    )
    .nullish(),
});

const refundSchema = z.object({ status: z.number(), msg: z.string().optional(), data: z.union([z.number(), z.string()]).nullish() });

/** Retrieval API statuses, best first when an order has several payment attempts. */
const RETRIEVAL_RANK: Record<GatewayPaymentStatus, number> = { succeeded: 0, mismatch: 1, reversed: 2, pending: 3, failed: 4 };

function retrievalStatus(status: string): GatewayPaymentStatus {
  const s = status.toUpperCase();
  if (s === 'RECEIVED' || s === 'APPROVED' || s.includes('PARTIAL')) return 'succeeded'; // partially refunded is still a capture
  if (s === 'REFUNDED' || s.includes('CHARGEBACK')) return 'reversed';
  if (s === 'FAILED' || s === 'DECLINED' || s === 'CANCELED' || s === 'CANCELLED') return 'failed';
  return 'pending';
}

export function createPayHereGateway(config: PayHereGatewayConfig): PaymentGateway {
  for (const key of ['merchantId', 'merchantSecret', 'appId', 'appSecret'] as const) {
    if (!config[key]) throw new Error(`payhere gateway: ${key} is required`);
  }
  const base = (config.baseUrl ?? PAYHERE_SANDBOX_URL).replace(/\/+$/, '');
  const timeoutMs = config.timeoutMs ?? 15_000;
  const address = config.defaultAddress ?? { address: 'Not provided', city: 'Colombo', country: 'Sri Lanka' };
  let token: { value: string; expiresAt: number } | undefined;

  async function accessToken(): Promise<string> {
    if (token && token.expiresAt > Date.now()) return token.value;
    const { body } = await requestJson({
      gateway: 'payhere',
      operation: 'oauth token',
      method: 'POST',
      url: `${base}/merchant/v1/oauth/token`,
      headers: { authorization: `Basic ${Buffer.from(`${config.appId}:${config.appSecret}`).toString('base64')}` },
      form: { grant_type: 'client_credentials' },
      timeoutMs,
    });
    const answer = parseAnswer(tokenSchema, body, 'payhere', 'oauth token');
    // Renew a little early so a token never expires between our check and PayHere's.
    const lifeSeconds = Math.max((answer.expires_in ?? 60) - 30, 1);
    token = { value: answer.access_token, expiresAt: Date.now() + lifeSeconds * 1000 };
    return token.value;
  }

  /** Calls a merchant API with a bearer token; a 401 means the cached token died early, so fetch one more and retry once. */
  async function withToken<T>(call: (bearer: string) => Promise<T>): Promise<T> {
    try {
      return await call(await accessToken());
    } catch (error) {
      if (!(error instanceof GatewayError) || error.httpStatus !== 401) throw error;
      token = undefined;
      return call(await accessToken());
    }
  }

  return {
    name: 'payhere',

    async createCheckout(input: CreateCheckoutInput): Promise<CheckoutResult> {
      const amount = formatDecimalAmount(input.amountMinor, input.currency, 2);
      const [first, ...rest] = (input.customer.name ?? '').trim().split(/\s+/).filter(Boolean);
      const fields: Record<string, string> = {
        merchant_id: config.merchantId,
        return_url: input.returnUrl,
        cancel_url: input.cancelUrl,
        notify_url: input.notifyUrl,
        order_id: input.intentId,
        items: input.description,
        currency: input.currency,
        amount,
        first_name: first ?? 'Customer',
        last_name: rest.join(' ') || '-',
        email: input.customer.email ?? '',
        phone: input.customer.phone ?? '',
        address: input.customer.address ?? address.address,
        city: input.customer.city ?? address.city,
        country: input.customer.country ?? address.country,
      };
      fields.hash = payHereCheckoutHash({
        merchantId: config.merchantId,
        orderId: input.intentId,
        amount,
        currency: input.currency,
        merchantSecret: config.merchantSecret,
      });
      return { checkout: { formAction: `${base}/pay/checkout`, fields } };
    },

    async verifyWebhook(request: WebhookRequest): Promise<GatewayEvent | null> {
      const params = new URLSearchParams(request.rawBody.toString('utf8'));
      const field = (name: string): string => {
        const values = params.getAll(name);
        // A repeated field could be read one way here and another way elsewhere: refuse it.
        if (values.length > 1) throw invalid(`${name} sent more than once`);
        return values[0] ?? '';
      };
      const notice = {
        merchantId: field('merchant_id'),
        orderId: field('order_id'),
        paymentId: field('payment_id'),
        amount: field('payhere_amount'),
        currency: field('payhere_currency'),
        statusCode: field('status_code'),
        md5sig: field('md5sig'),
      };
      if (!notice.md5sig) throw invalid('md5sig missing');
      const expected = payHereNotifySignature({
        merchantId: notice.merchantId,
        orderId: notice.orderId,
        payhereAmount: notice.amount,
        payhereCurrency: notice.currency,
        statusCode: notice.statusCode,
        merchantSecret: config.merchantSecret,
      });
      // PayHere sends the digest in upper case; compare case-insensitively but in constant time.
      if (!constantTimeEqual(expected, notice.md5sig.toUpperCase())) throw invalid('md5sig does not match');
      // Signed with our secret but for another merchant id: not ours to act on.
      if (!constantTimeEqual(notice.merchantId, config.merchantId)) throw invalid('merchant_id is not ours');
      if (!notice.orderId || !notice.paymentId) throw malformed('PayHere notification');

      const status = NOTIFY_STATUS[notice.statusCode];
      if (!status) return null;
      let amountMinor: number;
      try {
        amountMinor = parseDecimalAmount(notice.amount, notice.currency);
      } catch {
        throw malformed('PayHere notification amount');
      }
      return {
        eventId: `${notice.paymentId}:${notice.statusCode}`,
        intentId: notice.orderId,
        status,
        amountMinor,
        currency: notice.currency,
        providerPaymentId: notice.paymentId,
        // md5sig is keyed with our merchant secret, so PayHere's word is authentic.
        needsConfirmation: false,
      };
    },

    async fetchStatus(query: StatusQuery): Promise<GatewayPayment | null> {
      const { body } = await withToken((bearer) =>
        requestJson({
          gateway: 'payhere',
          operation: 'fetch status',
          method: 'GET',
          url: `${base}/merchant/v1/payment/search?order_id=${encodeURIComponent(query.intentId)}`,
          headers: { authorization: `Bearer ${bearer}` },
          timeoutMs,
        }),
      );
      const answer = parseAnswer(retrievalSchema, body, 'payhere', 'fetch status');
      // status 1 with payments; anything else (PayHere answers "no payments" with a non-1 status) means it knows nothing yet.
      if (answer.status !== 1 || !answer.data) return null;
      const payments = answer.data
        .filter((p) => p.order_id === query.intentId)
        .map((p) => {
          let amountMinor: number;
          try {
            amountMinor = parseNumericAmount(p.amount, p.currency);
          } catch {
            throw new GatewayError('payhere', 'fetch status', 'invalid_response', `unreadable amount ${p.amount}`);
          }
          const payment: GatewayPayment = {
            intentId: p.order_id,
            status: retrievalStatus(p.status),
            amountMinor,
            currency: p.currency,
            providerPaymentId: String(p.payment_id),
          };
          return matchIntent(payment, query);
        })
        .sort((a, b) => RETRIEVAL_RANK[a.status] - RETRIEVAL_RANK[b.status]);
      return payments[0] ?? null;
    },

    async refund(input: RefundInput): Promise<RefundResult> {
      const { body } = await withToken((bearer) =>
        requestJson({
          gateway: 'payhere',
          operation: 'refund',
          method: 'POST',
          url: `${base}/merchant/v1/payment/refund`,
          headers: { authorization: `Bearer ${bearer}` },
          json: {
            payment_id: input.providerPaymentId,
            description: input.reason ?? `Refund ${input.refundKey}`,
            amount: formatDecimalAmount(input.amountMinor, input.currency, 2),
          },
          timeoutMs,
        }),
      );
      const answer = parseAnswer(refundSchema, body, 'payhere', 'refund');
      if (answer.status !== 1) throw new GatewayError('payhere', 'refund', 'declined', answer.msg ?? `status ${answer.status}`);
      return {
        refundId: answer.data == null ? `payhere:${input.providerPaymentId}:${input.refundKey}` : String(answer.data),
        status: 'succeeded',
      };
    },
  };
}
