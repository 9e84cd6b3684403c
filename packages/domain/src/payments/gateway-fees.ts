import { assertMinor } from '../money/money';
import { applyBasisPoints } from '../policy/cancellation-policy';

/** Every way money comes in: the five gateways and the customer's wallet. */
export const PAYMENT_PROVIDERS = ['sandbox', 'payhere', 'mintpay', 'flutterwave', 'stripe', 'wallet'] as const;
export type PaymentProvider = (typeof PAYMENT_PROVIDERS)[number];
export type GatewayProvider = Exclude<PaymentProvider, 'wallet'>;

/** A gateway's price: a share of the amount plus a fixed part (in the payment's minor units). */
export interface GatewayFeeRate {
  basisPoints: number;
  fixedMinor: number;
}

/**
 * Defaults (GATEWAY_FEE_<PROVIDER>_PERCENT overrides the share), from the
 * published merchant rates for local cards at the time of writing:
 * PayHere 3.3 %, MintPay 4 % (its merchant discount on buy-now-pay-later),
 * Flutterwave 1.4 % (local cards), Stripe 2.9 %; the sandbox and the wallet are free.
 * A fixed part is per currency, so it is 0 unless configured.
 */
export const DEFAULT_GATEWAY_FEE_RATES: Record<PaymentProvider, GatewayFeeRate> = {
  sandbox: { basisPoints: 0, fixedMinor: 0 },
  payhere: { basisPoints: 330, fixedMinor: 0 },
  mintpay: { basisPoints: 400, fixedMinor: 0 },
  flutterwave: { basisPoints: 140, fixedMinor: 0 },
  stripe: { basisPoints: 290, fixedMinor: 0 },
  wallet: { basisPoints: 0, fixedMinor: 0 },
};

/**
 * What the gateway keeps of a payment: share rounded half up to the minor unit
 * (once, here), plus the fixed part, never more than the amount itself.
 */
export function gatewayFeeMinor(amountMinor: number, rate: GatewayFeeRate): number {
  assertMinor(amountMinor);
  assertMinor(rate.fixedMinor);
  if (amountMinor <= 0) return 0;
  if (rate.basisPoints < 0 || rate.basisPoints > 10_000 || rate.fixedMinor < 0) throw new RangeError('gateway fee rate out of range');
  return Math.min(amountMinor, applyBasisPoints(amountMinor, rate.basisPoints) + rate.fixedMinor);
}
