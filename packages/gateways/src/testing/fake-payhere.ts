import { constantTimeEqual } from '../constant-time';
import { type PayHereGatewayConfig, payHereCheckoutHash, payHereNotifySignature } from '../payhere/payhere-gateway';
import type { WebhookRequest } from '../payment-gateway';
import { bearerOf, type FakeHttpServer, type FakeResponse, postWebhook, type RecordedRequest, startFakeServer } from './start-fake-server';

/** PayHere notify status codes: 2 success, 0 pending, -1 cancelled, -2 failed, -3 charged back. */
export type PayHereStatusCode = 2 | 0 | -1 | -2 | -3;

export interface FakePayHerePayment {
  orderId: string;
  paymentId: string;
  /** As PayHere writes it: "1000.00". */
  amount: string;
  currency: string;
  statusCode: PayHereStatusCode;
  refunded: boolean;
  notifyUrl: string | undefined;
  refunds: { refundId: number; amount: string | undefined; description: string }[];
}

export interface FakePayHere extends FakeHttpServer {
  /** Adapter config pointing at this fake. */
  readonly config: Required<Pick<PayHereGatewayConfig, 'merchantId' | 'merchantSecret' | 'appId' | 'appSecret' | 'baseUrl'>>;
  /** What the customer's browser does with the checkout form; refuses a wrong hash like PayHere does. */
  submitCheckout(fields: Record<string, string>): FakePayHerePayment;
  /** Moves a payment on; `overrides` make PayHere report another amount or currency. */
  setStatus(orderId: string, statusCode: PayHereStatusCode, overrides?: { amount?: string; currency?: string }): FakePayHerePayment;
  payment(orderId: string): FakePayHerePayment | undefined;
  /** The notify callback for the payment's current state, signed with the merchant secret (or `merchantSecret`). */
  notification(orderId: string, options?: { merchantSecret?: string }): WebhookRequest;
  /** POSTs the notification to the checkout's notify_url; returns the HTTP status. */
  sendNotification(orderId: string): Promise<number>;
  /** Invalidates every issued access token (the next API call gets 401). */
  expireTokens(): void;
}

const RETRIEVAL_STATUS: Record<PayHereStatusCode, string> = {
  2: 'RECEIVED',
  0: 'PENDING',
  [-1]: 'CANCELED',
  [-2]: 'FAILED',
  [-3]: 'CHARGEBACKED',
};

export async function startFakePayHere(options: Partial<FakePayHere['config']> = {}): Promise<FakePayHere> {
  const merchantId = options.merchantId ?? '1211149';
  const merchantSecret = options.merchantSecret ?? 'fake-payhere-merchant-secret';
  const appId = options.appId ?? '4OVxFakeAppId';
  const appSecret = options.appSecret ?? 'fake-payhere-app-secret';
  const payments = new Map<string, FakePayHerePayment>();
  const tokens = new Set<string>();
  let nextPaymentId = 320025071278;
  let nextRefundId = 560034010257;
  let nextToken = 1;

  const find = (orderId: string) => {
    const payment = payments.get(orderId);
    if (!payment) throw new Error(`fake payhere: no payment for order ${orderId}`);
    return payment;
  };

  function submitCheckout(fields: Record<string, string>): FakePayHerePayment {
    const expected = payHereCheckoutHash({
      merchantId: fields.merchant_id ?? '',
      orderId: fields.order_id ?? '',
      amount: fields.amount ?? '',
      currency: fields.currency ?? '',
      merchantSecret,
    });
    if (fields.merchant_id !== merchantId || !constantTimeEqual(expected, fields.hash ?? ''))
      throw new Error('fake payhere: checkout hash invalid');
    const orderId = fields.order_id ?? '';
    const payment: FakePayHerePayment = {
      orderId,
      paymentId: String(nextPaymentId++),
      amount: fields.amount ?? '',
      currency: fields.currency ?? '',
      statusCode: 0,
      refunded: false,
      notifyUrl: fields.notify_url,
      refunds: [],
    };
    payments.set(orderId, payment);
    return payment;
  }

  function notification(orderId: string, opts: { merchantSecret?: string } = {}): WebhookRequest {
    const p = find(orderId);
    const statusCode = String(p.statusCode);
    const md5sig = payHereNotifySignature({
      merchantId,
      orderId,
      payhereAmount: p.amount,
      payhereCurrency: p.currency,
      statusCode,
      merchantSecret: opts.merchantSecret ?? merchantSecret,
    });
    const body = new URLSearchParams({
      merchant_id: merchantId,
      order_id: orderId,
      payment_id: p.paymentId,
      captured_amount: p.amount,
      payhere_amount: p.amount,
      payhere_currency: p.currency,
      status_code: statusCode,
      md5sig,
      custom_1: '',
      custom_2: '',
      status_message: p.statusCode === 2 ? 'Successfully received the VISA payment' : 'Payment not completed',
      method: 'VISA',
      card_holder_name: 'Test Customer',
      card_no: '************1292',
      card_expiry: '12/30',
      recurring: '0',
    });
    return { rawBody: Buffer.from(body.toString()), headers: { 'content-type': 'application/x-www-form-urlencoded' } };
  }

  const unauthorized: FakeResponse = { status: 401, json: { error: 'invalid_token', error_description: 'Invalid access token' } };

  function handle(request: RecordedRequest): FakeResponse {
    if (request.method === 'POST' && request.path === '/pay/checkout') {
      try {
        const payment = submitCheckout(Object.fromEntries(new URLSearchParams(request.body)));
        return { status: 200, text: `<html>PayHere checkout for ${payment.orderId}</html>` };
      } catch (error) {
        return { status: 400, text: String(error) };
      }
    }
    if (request.method === 'POST' && request.path === '/merchant/v1/oauth/token') {
      const basic = `Basic ${Buffer.from(`${appId}:${appSecret}`).toString('base64')}`;
      const form = new URLSearchParams(request.body);
      if (request.headers.authorization !== basic)
        return { status: 401, json: { error: 'invalid_client', error_description: 'Bad client credentials' } };
      if (form.get('grant_type') !== 'client_credentials') return { status: 400, json: { error: 'unsupported_grant_type' } };
      const token = `fake-token-${nextToken++}`;
      tokens.add(token);
      return { status: 200, json: { access_token: token, token_type: 'bearer', expires_in: 599, scope: 'SANDBOX' } };
    }
    const token = bearerOf(request);
    if (request.path.startsWith('/merchant/v1/') && (!token || !tokens.has(token))) return unauthorized;

    if (request.method === 'GET' && request.path === '/merchant/v1/payment/search') {
      const orderId = request.query.get('order_id') ?? '';
      const p = payments.get(orderId);
      if (!p || p.statusCode === 0) return { status: 200, json: { status: -1, msg: 'No payments found', data: null } };
      return {
        status: 200,
        json: {
          status: 1,
          msg: `Payments with order_id:${orderId}`,
          data: [
            {
              payment_id: Number(p.paymentId),
              order_id: orderId,
              date: '2026-01-16 16:21:02',
              description: 'Fareway booking',
              status: p.refunded ? 'REFUNDED' : RETRIEVAL_STATUS[p.statusCode],
              currency: p.currency,
              amount: Number(p.amount),
              customer: { fist_name: 'Test', last_name: 'Customer', email: 'test@example.com', phone: '+94771234567' },
              amount_detail: { currency: p.currency, gross: Number(p.amount), fee: 0, net: Number(p.amount), exchange_rate: 1 },
              payment_method: { method: 'VISA', card_customer_name: 'T Customer', card_no: '************1234' },
              items: null,
            },
          ],
        },
      };
    }
    if (request.method === 'POST' && request.path === '/merchant/v1/payment/refund') {
      const body = JSON.parse(request.body) as { payment_id?: string; description?: string; amount?: string };
      const p = [...payments.values()].find((x) => x.paymentId === String(body.payment_id));
      if (p?.statusCode !== 2 || p.refunded) return { status: 200, json: { status: -1, msg: 'Payment not refundable', data: null } };
      if (!body.description) return { status: 200, json: { status: -1, msg: 'Description required', data: null } };
      const refundId = nextRefundId++;
      p.refunds.push({ refundId, amount: body.amount, description: body.description });
      if (body.amount === undefined || body.amount === p.amount) p.refunded = true;
      return { status: 200, json: { status: 1, msg: 'Successfully processed the refund', data: refundId } };
    }
    return { status: 404, json: { status: -1, msg: 'Not found' } };
  }

  const server = await startFakeServer(handle);
  return Object.assign(server, {
    config: { merchantId, merchantSecret, appId, appSecret, baseUrl: server.url },
    submitCheckout,
    notification,
    payment: (orderId: string) => payments.get(orderId),
    setStatus(orderId: string, statusCode: PayHereStatusCode, overrides: { amount?: string; currency?: string } = {}) {
      const p = find(orderId);
      p.statusCode = statusCode;
      if (overrides.amount !== undefined) p.amount = overrides.amount;
      if (overrides.currency !== undefined) p.currency = overrides.currency;
      return p;
    },
    async sendNotification(orderId: string) {
      const p = find(orderId);
      if (!p.notifyUrl) throw new Error('fake payhere: the checkout had no notify_url');
      const { rawBody, headers } = notification(orderId);
      return postWebhook(p.notifyUrl, rawBody, headers as Record<string, string>);
    },
    expireTokens() {
      tokens.clear();
    },
  });
}
