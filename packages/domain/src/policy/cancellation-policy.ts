import { assertMinor } from '../money/money';

/**
 * The cancellation policy in force when a booking was made, snapshotted onto it
 * so a later change of terms never changes what a customer was promised.
 * Tiers are checked from the earliest: cancelling at least `hoursBeforeStart`
 * hours before the start refunds `refundBasisPoints` of what was paid.
 */
export interface CancellationPolicy {
  tiers: { hoursBeforeStart: number; refundBasisPoints: number }[];
  /** Once the booking's start has passed. */
  afterStartRefundBasisPoints: number;
}

export const DEFAULT_CANCELLATION_POLICY: CancellationPolicy = {
  tiers: [
    { hoursBeforeStart: 24, refundBasisPoints: 10_000 },
    { hoursBeforeStart: 0, refundBasisPoints: 5_000 },
  ],
  afterStartRefundBasisPoints: 0,
};

/** Builds the usual two-tier policy from configuration (full refund until N hours, a share after, none once started). */
export function twoTierPolicy(fullRefundHours: number, lateRefundPercent: number): CancellationPolicy {
  return {
    tiers: [
      { hoursBeforeStart: fullRefundHours, refundBasisPoints: 10_000 },
      { hoursBeforeStart: 0, refundBasisPoints: Math.round(lateRefundPercent * 100) },
    ],
    afterStartRefundBasisPoints: 0,
  };
}

/** The share (basis points) of the payment the policy returns when cancelling at `at`. */
export function refundShareBasisPoints(policy: CancellationPolicy, at: Date, startsAt: Date): number {
  const hoursBefore = (startsAt.getTime() - at.getTime()) / 3_600_000;
  if (hoursBefore <= 0) return policy.afterStartRefundBasisPoints;
  const tiers = [...policy.tiers].sort((a, b) => b.hoursBeforeStart - a.hoursBeforeStart);
  for (const tier of tiers) if (hoursBefore >= tier.hoursBeforeStart) return tier.refundBasisPoints;
  return policy.afterStartRefundBasisPoints;
}

/**
 * Minor units to refund. Rounding rule: half up to the minor unit, once, here;
 * never more than was paid.
 */
export function refundForCancellation(policy: CancellationPolicy, paidMinor: number, at: Date, startsAt: Date): number {
  assertMinor(paidMinor);
  if (paidMinor <= 0) return 0;
  const share = refundShareBasisPoints(policy, at, startsAt);
  return Math.min(paidMinor, applyBasisPoints(paidMinor, share));
}

/** amount × bp / 10 000, rounded half up in integer arithmetic (no float drift on large amounts). */
export function applyBasisPoints(amountMinor: number, basisPoints: number): number {
  assertMinor(amountMinor);
  const product = BigInt(amountMinor) * BigInt(Math.round(basisPoints));
  const rounded = (product * 2n + 10_000n) / 20_000n;
  return Number(rounded);
}

export type CancelledBy = 'customer' | 'partner' | 'platform';

/**
 * What a cancellation owes the customer. The policy's tiers apply when the
 * customer cancels; when the driver, the operator or the platform cancels, the
 * customer is not at fault and gets back everything paid.
 */
export function refundOnCancel(policy: CancellationPolicy, paidMinor: number, at: Date, startsAt: Date, cancelledBy: CancelledBy): number {
  assertMinor(paidMinor);
  if (cancelledBy !== 'customer') return Math.max(0, paidMinor);
  return refundForCancellation(policy, paidMinor, at, startsAt);
}
