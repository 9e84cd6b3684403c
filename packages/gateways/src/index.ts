/**
 * Payment gateway adapters behind one interface (payment-gateway.ts).
 *
 * Environment variables proposed for the core's config (all optional except the
 * sandbox secret; a gateway whose required variables are unset is simply not offered):
 *
 *   SANDBOX_WEBHOOK_SECRET    HMAC key of the sandbox's Fareway-Signature (with PUBLIC_URL for the hosted page)
 *   GATEWAY_TIMEOUT_MS        deadline of every outbound gateway call (default 15000)
 *
 *   PAYHERE_MERCHANT_ID       merchant id (checkout form, notify check)
 *   PAYHERE_MERCHANT_SECRET   domain/app Merchant Secret: checkout hash and notify md5sig
 *   PAYHERE_APP_ID            Business App id: OAuth for the Retrieval and Refund APIs
 *   PAYHERE_APP_SECRET        Business App secret
 *   PAYHERE_BASE_URL          https://sandbox.payhere.lk (default) or https://www.payhere.lk
 *
 *   MINTPAY_MERCHANT_ID       merchant id (mp....)
 *   MINTPAY_MERCHANT_SECRET   API token (Authorization: Token ...) and key of the return-URL hash
 *   MINTPAY_BASE_URL          https://dev.mintpay.lk (default) or https://app.mintpay.lk
 *
 *   FLUTTERWAVE_SECRET_KEY    FLWSECK-...: API bearer
 *   FLUTTERWAVE_SECRET_HASH   the webhook secret hash set in the dashboard (verif-hash)
 *   FLUTTERWAVE_BASE_URL      https://api.flutterwave.com (default)
 *
 *   STRIPE_SECRET_KEY         sk_...: API key
 *   STRIPE_WEBHOOK_SECRET     whsec_...: the webhook endpoint's signing secret
 *   STRIPE_API_URL            https://api.stripe.com (default); a fake's URL in tests
 *
 * Test fakes of each gateway's HTTP API: `@fareway/gateways/testing`.
 */
export * from './constant-time';
export * from './create-gateways';
export * from './flutterwave/flutterwave-gateway';
export * from './gateway-error';
export * from './mintpay/mintpay-gateway';
export * from './money/decimal-amount';
export * from './payhere/payhere-gateway';
export * from './payment-gateway';
export * from './sandbox/sandbox-gateway';
export * from './sandbox/sandbox-link';
export { signTimestamped, verifyTimestamped } from './signing/timestamped-signature';
export * from './stripe/stripe-gateway';
