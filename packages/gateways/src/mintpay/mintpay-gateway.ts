import { createHmac } from 'node:crypto';
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
  type RefundResult,
  type StatusQuery,
  type WebhookRequest,
} from '../payment-gateway';
import { invalid } from '../signing/timestamped-signature';
import { malformed } from '../webhook-body';

/**
 * MintPay (mintpay.lk, Sri Lankan buy-now-pay-later, LKR only). MintPay publishes no
 * API reference; this follows its own published merchant plugins (WooCommerce,
 * Magento, PrestaShop):
 *
 * - create the order: `POST {base}/user-order/api/` with `Authorization: Token <merchant secret>`
 *   and a JSON cart → `{ "message": "Success", "data": <purchase id> }`;
 * - send the browser: form POST to `{base}/user-order/login/` with `purchase_id`;
 * - MintPay sends the browser back to the `success_url` or `fail_url` we gave it. There is
 *   no server callback. The URLs carry a merchant-computed hash (success:
 *   `base64(hex HMAC-SHA256(merchant_id + amount + order_id))`, fail:
 *   `base64(hex HMAC-SHA256(order_id))`, key = merchant secret), which proves only that
 *   the URL is one we issued — anyone holding it can replay it. So the return is a hint:
 *   `verifyWebhook` gives `needsConfirmation: true`, and the core confirms with
 *   `fetchStatus`: `GET {base}/user-order/api/status/merchantId/{merchant}/purchaseId/{purchase}`
 *   → `{ "message": "Success", "data": { order_id, total_price, status: "Approved" | "Rejected" } }`.
 *
 * The return URL is `notifyUrl` with `orderId`, `amount`, `result` and `hash` appended; the
 * server's route passes the raw query string as `rawBody`, then sends the browser on to
 * the intent's return page. MintPay publishes no refund API: `refund` throws `unsupported`.
 */
export const MINTPAY_SANDBOX_URL = 'https://dev.mintpay.lk';
export const MINTPAY_LIVE_URL = 'https://app.mintpay.lk';
const MINTPAY_CURRENCY = 'LKR';

export interface MintPayGatewayConfig {
  merchantId: string;
  /** API token and the key of the return-URL hash. */
  merchantSecret: string;
  /** MINTPAY_SANDBOX_URL (default) or MINTPAY_LIVE_URL, or a fake in tests. */
  baseUrl?: string;
  timeoutMs?: number;
}

const hmacBase64 = (secret: string, text: string) =>
  Buffer.from(createHmac('sha256', secret).update(text, 'utf8').digest('hex')).toString('base64');

export function mintPaySuccessHash(p: { merchantId: string; amount: string; orderId: string; merchantSecret: string }): string {
  return hmacBase64(p.merchantSecret, p.merchantId + p.amount + p.orderId);
}

export function mintPayFailHash(p: { orderId: string; merchantSecret: string }): string {
  return hmacBase64(p.merchantSecret, p.orderId);
}

/** The URL MintPay sends the browser to; exported so the fake builds exactly what the adapter verifies. */
export function mintPayReturnUrl(
  notifyUrl: string,
  p: { result: 'success' | 'fail'; orderId: string; amount: string; merchantId: string; merchantSecret: string },
): string {
  const hash = p.result === 'success' ? mintPaySuccessHash(p) : mintPayFailHash(p);
  const query = new URLSearchParams({ orderId: p.orderId, amount: p.amount, result: p.result, hash });
  return `${notifyUrl}${notifyUrl.includes('?') ? '&' : '?'}${query.toString()}`;
}

const createSchema = z.object({ message: z.string(), data: z.union([z.string(), z.number()]).nullish() });

const statusSchema = z.object({
  message: z.string(),
  data: z
    .object({
      order_id: z.union([z.string(), z.number()]).transform(String).optional(),
      total_price: z.union([z.number(), z.string()]).optional(),
      status: z.string().optional(),
    })
    .nullish(),
});

function purchaseStatus(status: string): GatewayPaymentStatus {
  const s = status.toLowerCase();
  if (s === 'approved') return 'succeeded';
  if (s === 'rejected' || s === 'failed' || s === 'cancelled' || s === 'canceled' || s === 'expired') return 'failed';
  return 'pending';
}

/** "Y-m-d H:i:s" in UTC, as the plugins send cart dates. */
function mintPayDate(at: Date): string {
  return at.toISOString().slice(0, 19).replace('T', ' ');
}

export function createMintPayGateway(config: MintPayGatewayConfig): PaymentGateway {
  if (!config.merchantId || !config.merchantSecret) throw new Error('mintpay gateway: merchantId and merchantSecret are required');
  const base = (config.baseUrl ?? MINTPAY_SANDBOX_URL).replace(/\/+$/, '');
  const timeoutMs = config.timeoutMs ?? 15_000;
  const auth = { authorization: `Token ${config.merchantSecret}` };

  return {
    name: 'mintpay',

    async createCheckout(input: CreateCheckoutInput): Promise<CheckoutResult> {
      if (input.currency !== MINTPAY_CURRENCY) {
        throw new GatewayError(
          'mintpay',
          'create checkout',
          'unsupported',
          `MintPay takes ${MINTPAY_CURRENCY} only, not ${input.currency}`,
        );
      }
      const amount = formatDecimalAmount(input.amountMinor, input.currency, 2);
      const returnUrl = (result: 'success' | 'fail') =>
        mintPayReturnUrl(input.notifyUrl, {
          result,
          orderId: input.intentId,
          amount,
          merchantId: config.merchantId,
          merchantSecret: config.merchantSecret,
        });
      const now = mintPayDate(new Date());
      const { body } = await requestJson({
        gateway: 'mintpay',
        operation: 'create checkout',
        method: 'POST',
        url: `${base}/user-order/api/`,
        headers: auth,
        json: {
          merchant_id: config.merchantId,
          order_id: input.intentId,
          total_price: amount,
          discount: '0.00',
          customer_id: input.customer.id,
          customer_email: input.customer.email ?? '',
          customer_telephone: input.customer.phone ?? '',
          delivery_street: input.customer.address ?? '',
          delivery_region: input.customer.city ?? '',
          delivery_postcode: '',
          cart_created_date: now,
          cart_updated_date: now,
          success_url: returnUrl('success'),
          fail_url: returnUrl('fail'),
          currency_code: input.currency,
          products: [
            {
              name: input.description,
              product_id: input.intentId,
              sku: 'booking',
              quantity: 1,
              unit_price: amount,
              created_date: now,
              updated_date: now,
              discount: '0.00',
            },
          ],
        },
        timeoutMs,
      });
      const answer = parseAnswer(createSchema, body, 'mintpay', 'create checkout');
      if (answer.message !== 'Success' || answer.data == null || answer.data === '') {
        throw new GatewayError(
          'mintpay',
          'create checkout',
          'declined',
          `MintPay refused the order: ${String(answer.data ?? answer.message)}`,
        );
      }
      const purchaseId = String(answer.data);
      return { checkout: { formAction: `${base}/user-order/login/`, fields: { purchase_id: purchaseId } }, providerReference: purchaseId };
    },

    async verifyWebhook(request: WebhookRequest): Promise<GatewayEvent | null> {
      const params = new URLSearchParams(request.rawBody.toString('utf8').replace(/^\?/, ''));
      const one = (name: string): string => {
        const values = params.getAll(name);
        if (values.length > 1) throw invalid(`${name} sent more than once`);
        return values[0] ?? '';
      };
      const orderId = one('orderId');
      const amount = one('amount');
      const result = one('result');
      // Base64 '+' arrives as a space when a hop decodes the query as a form.
      const hash = one('hash').replace(/ /g, '+');
      if (!orderId || !hash) throw invalid('orderId or hash missing');

      const expected =
        result === 'success'
          ? mintPaySuccessHash({ merchantId: config.merchantId, amount, orderId, merchantSecret: config.merchantSecret })
          : result === 'fail'
            ? mintPayFailHash({ orderId, merchantSecret: config.merchantSecret })
            : undefined;
      if (!expected || !constantTimeEqual(expected, hash)) throw invalid('hash does not match');

      let amountMinor = 0;
      if (amount) {
        try {
          amountMinor = parseDecimalAmount(amount, MINTPAY_CURRENCY);
        } catch {
          throw malformed('MintPay return amount');
        }
      }
      return {
        eventId: `${orderId}:${result}`,
        intentId: orderId,
        status: result === 'success' ? 'succeeded' : 'failed',
        amountMinor,
        currency: MINTPAY_CURRENCY,
        // A browser redirect proves nothing about money: the core must ask fetchStatus.
        needsConfirmation: true,
      };
    },

    async fetchStatus(query: StatusQuery): Promise<GatewayPayment | null> {
      // The status API is keyed by purchase id, which only createCheckout learns.
      if (!query.providerReference) return null;
      const { status, body } = await requestJson({
        gateway: 'mintpay',
        operation: 'fetch status',
        method: 'GET',
        url: `${base}/user-order/api/status/merchantId/${encodeURIComponent(config.merchantId)}/purchaseId/${encodeURIComponent(query.providerReference)}`,
        headers: auth,
        timeoutMs,
        answerStatuses: [404],
      });
      if (status === 404) return null;
      const answer = parseAnswer(statusSchema, body, 'mintpay', 'fetch status');
      // "Order doesn't exists" answers with empty data.
      if (answer.message !== 'Success' || !answer.data?.status) return null;
      const data = answer.data;
      const paymentStatus = purchaseStatus(data.status ?? '');
      let amountMinor: number;
      try {
        amountMinor =
          typeof data.total_price === 'number'
            ? parseNumericAmount(data.total_price, MINTPAY_CURRENCY)
            : parseDecimalAmount(data.total_price ?? '', MINTPAY_CURRENCY);
      } catch {
        throw new GatewayError('mintpay', 'fetch status', 'invalid_response', `unreadable total_price ${String(data.total_price)}`);
      }
      return matchIntent(
        {
          intentId: data.order_id ?? '',
          status: paymentStatus,
          amountMinor,
          currency: MINTPAY_CURRENCY,
          providerPaymentId: query.providerReference,
        },
        query,
      );
    },

    async refund(): Promise<RefundResult> {
      throw new GatewayError(
        'mintpay',
        'refund',
        'unsupported',
        'MintPay publishes no refund API; refund through the MintPay merchant portal',
      );
    },
  };
}
