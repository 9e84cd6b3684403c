import type { MintPayGatewayConfig } from '../mintpay/mintpay-gateway';
import type { WebhookRequest } from '../payment-gateway';
import { type FakeHttpServer, type FakeResponse, type RecordedRequest, startFakeServer } from './start-fake-server';

export type MintPayStatus = 'Pending' | 'Approved' | 'Rejected';

export interface FakeMintPayPurchase {
  purchaseId: string;
  orderId: string;
  /** As MintPay reports it in the status API (a number of rupees). */
  totalPrice: number;
  status: MintPayStatus;
  successUrl: string;
  failUrl: string;
  /** The order as the merchant sent it. */
  order: Record<string, unknown>;
}

export interface FakeMintPay extends FakeHttpServer {
  readonly config: Required<Pick<MintPayGatewayConfig, 'merchantId' | 'merchantSecret' | 'baseUrl'>>;
  purchase(orderId: string): FakeMintPayPurchase | undefined;
  /** Moves a purchase on; `totalPrice` makes the status API report another amount. */
  setStatus(orderId: string, status: MintPayStatus, overrides?: { totalPrice?: number }): FakeMintPayPurchase;
  /** Where MintPay sends the browser now: the order's success_url once approved, its fail_url otherwise. */
  returnUrl(orderId: string): string;
  /** That return as the server's route hands it to `verifyWebhook` (raw query string as body). */
  returnRequest(orderId: string): WebhookRequest;
}

export async function startFakeMintPay(options: Partial<FakeMintPay['config']> = {}): Promise<FakeMintPay> {
  const merchantId = options.merchantId ?? 'mp0001';
  const merchantSecret = options.merchantSecret ?? 'fake-mintpay-merchant-secret';
  const purchases = new Map<string, FakeMintPayPurchase>();
  let nextPurchase = 1000;

  const find = (orderId: string) => {
    const p = purchases.get(orderId);
    if (!p) throw new Error(`fake mintpay: no purchase for order ${orderId}`);
    return p;
  };

  function handle(request: RecordedRequest): FakeResponse {
    if (request.method === 'POST' && request.path === '/user-order/login/') {
      return { status: 200, text: `<html>MintPay login for purchase ${new URLSearchParams(request.body).get('purchase_id')}</html>` };
    }
    if (request.headers.authorization !== `Token ${merchantSecret}`) return { status: 401, json: { detail: 'Invalid token.' } };
    if (request.method === 'POST' && request.path === '/user-order/api/') {
      const order = JSON.parse(request.body) as Record<string, unknown>;
      const required = ['merchant_id', 'order_id', 'total_price', 'success_url', 'fail_url', 'products'];
      const missing = required.filter((key) => order[key] === undefined || order[key] === '');
      if (missing.length > 0) return { status: 200, json: { message: 'Failed', data: `Missing ${missing.join(', ')}` } };
      if (order.merchant_id !== merchantId) return { status: 200, json: { message: 'Failed', data: 'Invalid merchant' } };
      const purchase: FakeMintPayPurchase = {
        purchaseId: String(nextPurchase++),
        orderId: String(order.order_id),
        totalPrice: Number(order.total_price),
        status: 'Pending',
        successUrl: String(order.success_url),
        failUrl: String(order.fail_url),
        order,
      };
      purchases.set(purchase.orderId, purchase);
      return { status: 200, json: { message: 'Success', data: purchase.purchaseId } };
    }
    const status = /^\/user-order\/api\/status\/merchantId\/([^/]+)\/purchaseId\/([^/]+)$/.exec(request.path);
    if (request.method === 'GET' && status) {
      const p = [...purchases.values()].find((x) => x.purchaseId === decodeURIComponent(status[2] ?? ''));
      if (!p || decodeURIComponent(status[1] ?? '') !== merchantId)
        return { status: 200, json: { message: "Order doesn't exists", data: {} } };
      return {
        status: 200,
        json: {
          message: 'Success',
          data: { order_id: p.orderId, total_price: p.totalPrice, status: p.status, channel: 'web', created_at: '2026-01-15 10:00:00' },
        },
      };
    }
    return { status: 404, json: { detail: 'Not found.' } };
  }

  const server = await startFakeServer(handle);

  const returnUrl = (orderId: string) => {
    const p = find(orderId);
    return p.status === 'Approved' ? p.successUrl : p.failUrl;
  };

  return Object.assign(server, {
    config: { merchantId, merchantSecret, baseUrl: server.url },
    purchase: (orderId: string) => purchases.get(orderId),
    setStatus(orderId: string, status: MintPayStatus, overrides: { totalPrice?: number } = {}) {
      const p = find(orderId);
      p.status = status;
      if (overrides.totalPrice !== undefined) p.totalPrice = overrides.totalPrice;
      return p;
    },
    returnUrl,
    returnRequest(orderId: string): WebhookRequest {
      return { rawBody: Buffer.from(new URL(returnUrl(orderId)).search.slice(1)), headers: {} };
    },
  });
}
