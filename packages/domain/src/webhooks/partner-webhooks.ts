/**
 * Signed webhooks to partners (DESIGN.md §6a): what can be subscribed to, how long
 * a delivery keeps being retried, and when an endpoint that keeps failing is turned off.
 */
export const PARTNER_EVENT_TYPES = [
  'booking.held',
  'booking.confirmed',
  'booking.cancelled',
  'booking.expired',
  'payment.succeeded',
  'payment.failed',
  'refund.succeeded',
  'refund.failed',
  'trip.cancelled',
  'settlement.approved',
  'settlement.paid',
] as const;
export type PartnerEventType = (typeof PARTNER_EVENT_TYPES)[number];

/** Sent by "send a test event"; never emitted by the business, so it needs no subscription. */
export const PARTNER_TEST_EVENT = 'endpoint.test';

export interface WebhookRetryPolicy {
  /** Delay before the second attempt; each later one doubles, up to `maxDelaySeconds`. */
  baseDelaySeconds: number;
  maxDelaySeconds: number;
  /** A delivery still failing this long after its event was created is given up. */
  giveUpAfterSeconds: number;
}

export const DEFAULT_WEBHOOK_RETRY_POLICY: WebhookRetryPolicy = {
  baseDelaySeconds: 30,
  maxDelaySeconds: 4 * 3600,
  giveUpAfterSeconds: 24 * 3600,
};

/**
 * After `failedAttempts` failures, when to try again — or null when the delivery
 * is over its 24 h window and must be marked failed. Exponential backoff, capped.
 */
export function nextWebhookAttemptAt(
  policy: WebhookRetryPolicy,
  input: { eventCreatedAt: Date; failedAttempts: number; now: Date },
): Date | null {
  if (input.failedAttempts < 1) throw new RangeError('nextWebhookAttemptAt is for a delivery that has failed at least once');
  const exponent = Math.min(input.failedAttempts - 1, 30);
  const delaySeconds = Math.min(policy.baseDelaySeconds * 2 ** exponent, policy.maxDelaySeconds);
  const next = new Date(input.now.getTime() + delaySeconds * 1000);
  const deadline = input.eventCreatedAt.getTime() + policy.giveUpAfterSeconds * 1000;
  if (next.getTime() > deadline) return null;
  return next;
}

/** A 2xx answer is a delivery; anything else (3xx included: we never follow redirects) is a failure. */
export function isWebhookDelivered(status: number): boolean {
  return status >= 200 && status < 300;
}

/**
 * An endpoint is disabled after this many failed attempts in a row (across its
 * deliveries), so a dead receiver stops costing us work; its owner is told.
 */
export function shouldDisableEndpoint(consecutiveFailures: number, threshold: number): boolean {
  return threshold > 0 && consecutiveFailures >= threshold;
}
