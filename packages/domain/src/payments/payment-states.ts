/**
 * Payment intent states (API.md): `initiated` (row written, gateway not asked
 * yet) → `pending` (checkout handed to the customer) → `completed` (captured) or
 * `failed`; a completed payment becomes `partially_refunded` / `refunded` as
 * refunds execute.
 */
export const PAYMENT_STATUSES = ['initiated', 'pending', 'completed', 'failed', 'refunded', 'partially_refunded'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

/** Unsettled: the gateway may still capture. At most one per booking (partial unique index). */
export const ACTIVE_PAYMENT_STATUSES = ['initiated', 'pending'] as const satisfies readonly PaymentStatus[];

/** Money was captured (some of it may have gone back since). */
export const CAPTURED_PAYMENT_STATUSES = ['completed', 'partially_refunded', 'refunded'] as const satisfies readonly PaymentStatus[];

/**
 * What can happen to an intent:
 * - `checkout_created`: the gateway gave us a checkout (transaction 2 of initiate);
 * - `gateway_pending` / `gateway_succeeded` / `gateway_failed`: what the gateway
 *   (a verified event or fetchStatus) says now;
 * - `superseded`: the customer started another intent for the same booking.
 */
export type PaymentEvent = 'checkout_created' | 'gateway_pending' | 'gateway_succeeded' | 'gateway_failed' | 'superseded';

export interface PaymentDecision {
  to: PaymentStatus;
  /** False: stale, duplicate or out of order — nothing changes and nothing is posted. */
  apply: boolean;
  /** True exactly when money is to be recorded as captured (post the capture journal). */
  capture: boolean;
}

const keep = (from: PaymentStatus): PaymentDecision => ({ to: from, apply: false, capture: false });
const move = (to: PaymentStatus, capture = false): PaymentDecision => ({ to, apply: true, capture });

/**
 * The whole machine. Webhooks arrive twice, late and out of order: anything that
 * would undo or repeat a settled fact is ignored rather than refused, so a job
 * never fails (and retries forever) on a stale event.
 *
 * A success after a failure wins (Stripe lets a customer retry with another
 * card on the same PaymentIntent; a superseded intent may still be paid): the
 * money was taken, so it must be recorded — the caller confirms the booking or
 * refunds it.
 */
export function decidePaymentTransition(from: PaymentStatus, event: PaymentEvent): PaymentDecision {
  switch (event) {
    // Stryker disable next-line ConditionalExpression: equivalent — without this case it falls through to gateway_pending, which decides the same.
    case 'checkout_created':
      return from === 'initiated' ? move('pending') : keep(from);
    case 'gateway_pending':
      return from === 'initiated' ? move('pending') : keep(from);
    case 'gateway_succeeded':
      return from === 'initiated' || from === 'pending' || from === 'failed' ? move('completed', true) : keep(from);
    case 'gateway_failed':
    case 'superseded':
      return from === 'initiated' || from === 'pending' ? move('failed') : keep(from);
  }
}

/** After a refund executes: refunded when everything captured has gone back, partially otherwise. */
export function statusAfterRefunds(capturedMinor: number, refundedMinor: number): PaymentStatus {
  if (refundedMinor <= 0) return 'completed';
  return refundedMinor >= capturedMinor ? 'refunded' : 'partially_refunded';
}

export function isActivePayment(status: PaymentStatus): boolean {
  return (ACTIVE_PAYMENT_STATUSES as readonly PaymentStatus[]).includes(status);
}

export function isCapturedPayment(status: PaymentStatus): boolean {
  return (CAPTURED_PAYMENT_STATUSES as readonly PaymentStatus[]).includes(status);
}
