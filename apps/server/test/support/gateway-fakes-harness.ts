import { createGateways, type WebhookRequest } from '@fareway/gateways';
import {
  type FakeFlutterwave,
  type FakeMintPay,
  type FakePayHere,
  type FakeStripe,
  startFakeFlutterwave,
  startFakeMintPay,
  startFakePayHere,
  startFakeStripe,
} from '@fareway/gateways/testing';
import { apiFetch } from './openapi-validator';
import { type Json, type PaymentsHarness, startPaymentsHarness } from './payments-harness';

export interface GatewayFakesHarness {
  h: PaymentsHarness;
  payhere: FakePayHere;
  flutterwave: FakeFlutterwave;
  stripe: FakeStripe;
  mintpay: FakeMintPay;
  /** A fresh driver, car and customer, a one-day rental held for the customer, and a payment initiated with `provider`. */
  initiate(provider: string): Promise<{ token: string; bookingId: string; payment: Json }>;
  /** Posts a gateway's webhook to its real route, raw body and headers as the gateway sends them; the status. */
  post(provider: string, request: WebhookRequest): Promise<number>;
  close(): Promise<void>;
}

/**
 * The payments harness wired to local fakes of the four gateways' APIs, so
 * their checkouts, webhooks and status re-checks all travel over real HTTP.
 * `firstDay` keeps each test file's rentals apart in time.
 */
export async function startGatewayFakesHarness(firstDay: string): Promise<GatewayFakesHarness> {
  const [payhere, flutterwave, stripe, mintpay] = await Promise.all([
    startFakePayHere(),
    startFakeFlutterwave(),
    startFakeStripe(),
    startFakeMintPay(),
  ]);
  const h = await startPaymentsHarness({
    gateways: (config) =>
      createGateways({
        ...config.payments.gateways,
        payhere: payhere.config,
        flutterwave: flutterwave.config,
        stripe: { ...stripe.config, maxNetworkRetries: 0 },
        mintpay: mintpay.config,
      }),
  });
  let dayOffset = 0;
  return {
    h,
    payhere,
    flutterwave,
    stripe,
    mintpay,
    initiate(provider) {
      dayOffset += 3;
      return h.initiateRentalPayment(provider, new Date(Date.parse(firstDay) + dayOffset * 86_400_000));
    },
    async post(provider, request) {
      const res = await apiFetch(`${h.base}/api/v1/payments/webhook/${provider}`, {
        method: 'POST',
        headers: request.headers as Record<string, string>,
        body: request.rawBody,
      });
      await res.arrayBuffer();
      return res.status;
    },
    async close() {
      await h.close();
      await Promise.all([payhere.close(), flutterwave.close(), stripe.close(), mintpay.close()]);
    },
  };
}
