import type { FlutterwaveGatewayConfig } from '../flutterwave/flutterwave-gateway';
import type { WebhookRequest } from '../payment-gateway';
import { bearerOf, type FakeHttpServer, type FakeResponse, postWebhook, type RecordedRequest, startFakeServer } from './start-fake-server';

export type FlutterwaveStatus = 'pending' | 'successful' | 'failed';

export interface FakeFlutterwaveTransaction {
  id: number;
  txRef: string;
  amount: number;
  currency: string;
  status: FlutterwaveStatus;
  redirectUrl: string;
  customer: { email?: string; phonenumber?: string; name?: string };
  /** What verify reports as tx_ref (differs from txRef only when a test says so). */
  reportedTxRef: string;
  refunds: { id: number; amount: number | undefined; comments: string | undefined }[];
}

export interface FakeFlutterwave extends FakeHttpServer {
  readonly config: Required<Pick<FlutterwaveGatewayConfig, 'secretKey' | 'secretHash' | 'baseUrl'>>;
  transaction(txRef: string): FakeFlutterwaveTransaction | undefined;
  /** Moves a payment on; `overrides` make Flutterwave report another amount, currency or tx_ref. */
  setStatus(
    txRef: string,
    status: FlutterwaveStatus,
    overrides?: { amount?: number; currency?: string; txRef?: string },
  ): FakeFlutterwaveTransaction;
  /** The `charge.completed` webhook for the current state, with `verif-hash` (or `secretHash`). */
  webhook(txRef: string, options?: { secretHash?: string }): WebhookRequest;
  sendWebhook(txRef: string, url: string): Promise<number>;
}

export async function startFakeFlutterwave(options: Partial<FakeFlutterwave['config']> = {}): Promise<FakeFlutterwave> {
  const secretKey = options.secretKey ?? 'FLWSECK_TEST-fake-secret-key-X';
  const secretHash = options.secretHash ?? 'fake-flutterwave-secret-hash';
  const transactions = new Map<string, FakeFlutterwaveTransaction>();
  let nextId = 288200108;
  let nextRefundId = 75923;
  let baseUrl = '';

  const find = (txRef: string) => {
    const t = transactions.get(txRef);
    if (!t) throw new Error(`fake flutterwave: no transaction ${txRef}`);
    return t;
  };
  const notFound: FakeResponse = { status: 400, json: { status: 'error', message: 'No transaction was found for this id', data: null } };

  const view = (t: FakeFlutterwaveTransaction) => ({
    id: t.id,
    tx_ref: t.reportedTxRef,
    flw_ref: `FLW-MOCK-${t.id}`,
    device_fingerprint: 'N/A',
    amount: t.amount,
    currency: t.currency,
    charged_amount: t.amount,
    app_fee: 0,
    merchant_fee: 0,
    processor_response: t.status === 'successful' ? 'Approved by Financial Institution' : 'Pending',
    auth_model: 'PIN',
    narration: 'CARD Transaction ',
    status: t.status,
    payment_type: 'card',
    created_at: '2026-01-15T14:31:16.000Z',
    account_id: 17321,
    customer: { id: 1, name: t.customer.name ?? '', phone_number: t.customer.phonenumber ?? '', email: t.customer.email ?? '' },
  });

  function handle(request: RecordedRequest): FakeResponse {
    if (bearerOf(request) !== secretKey)
      return { status: 401, json: { status: 'error', message: 'Invalid authorization key', data: null } };
    if (request.method === 'POST' && request.path === '/v3/payments') {
      const body = JSON.parse(request.body) as {
        tx_ref?: string;
        amount?: number;
        currency?: string;
        redirect_url?: string;
        customer?: FakeFlutterwaveTransaction['customer'];
      };
      if (!body.tx_ref || typeof body.amount !== 'number' || !body.customer?.email) {
        return { status: 400, json: { status: 'error', message: 'tx_ref, amount and customer.email are required', data: null } };
      }
      const existing = transactions.get(body.tx_ref);
      const t: FakeFlutterwaveTransaction = existing ?? {
        id: nextId++,
        txRef: body.tx_ref,
        amount: body.amount,
        currency: body.currency ?? 'NGN',
        status: 'pending',
        redirectUrl: body.redirect_url ?? '',
        customer: body.customer,
        reportedTxRef: body.tx_ref,
        refunds: [],
      };
      transactions.set(t.txRef, t);
      return { status: 200, json: { status: 'success', message: 'Hosted Link', data: { link: `${baseUrl}/hosted/pay/${t.id}` } } };
    }
    const verify = /^\/v3\/transactions\/(\d+)\/verify$/.exec(request.path);
    if (request.method === 'GET' && verify) {
      const t = [...transactions.values()].find((x) => String(x.id) === verify[1]);
      return t ? { status: 200, json: { status: 'success', message: 'Transaction fetched successfully', data: view(t) } } : notFound;
    }
    if (request.method === 'GET' && request.path === '/v3/transactions/verify_by_reference') {
      const t = transactions.get(request.query.get('tx_ref') ?? '');
      return t ? { status: 200, json: { status: 'success', message: 'Transaction fetched successfully', data: view(t) } } : notFound;
    }
    const refund = /^\/v3\/transactions\/(\d+)\/refund$/.exec(request.path);
    if (request.method === 'POST' && refund) {
      const t = [...transactions.values()].find((x) => String(x.id) === refund[1]);
      if (!t) return notFound;
      if (t.status !== 'successful')
        return { status: 400, json: { status: 'error', message: 'Only successful transactions can be refunded', data: null } };
      const body = JSON.parse(request.body || '{}') as { amount?: number; comments?: string };
      const id = nextRefundId++;
      t.refunds.push({ id, amount: body.amount, comments: body.comments });
      return {
        status: 200,
        json: {
          status: 'success',
          message: 'Transaction refund initiated',
          data: {
            id,
            account_id: 73362,
            tx_id: t.id,
            flw_ref: `URF_${t.id}_${id}`,
            wallet_id: 74639,
            amount_refunded: body.amount ?? t.amount,
            status: 'completed',
            destination: 'payment_source',
            meta: { source: 'availablebalance' },
            created_at: '2026-01-24T09:18:37.000Z',
          },
        },
      };
    }
    return { status: 404, json: { status: 'error', message: 'Route not found', data: null } };
  }

  const server = await startFakeServer(handle);
  baseUrl = server.url;

  function webhook(txRef: string, opts: { secretHash?: string } = {}): WebhookRequest {
    const t = find(txRef);
    const body = JSON.stringify({ event: 'charge.completed', data: view(t), 'event.type': 'CARD_TRANSACTION' });
    return { rawBody: Buffer.from(body), headers: { 'content-type': 'application/json', 'verif-hash': opts.secretHash ?? secretHash } };
  }

  return Object.assign(server, {
    config: { secretKey, secretHash, baseUrl: server.url },
    transaction: (txRef: string) => transactions.get(txRef),
    setStatus(txRef: string, status: FlutterwaveStatus, overrides: { amount?: number; currency?: string; txRef?: string } = {}) {
      const t = find(txRef);
      t.status = status;
      if (overrides.amount !== undefined) t.amount = overrides.amount;
      if (overrides.currency !== undefined) t.currency = overrides.currency;
      if (overrides.txRef !== undefined) t.reportedTxRef = overrides.txRef;
      return t;
    },
    webhook,
    async sendWebhook(txRef: string, url: string) {
      const { rawBody, headers } = webhook(txRef);
      return postWebhook(url, rawBody, headers as Record<string, string>);
    },
  });
}
