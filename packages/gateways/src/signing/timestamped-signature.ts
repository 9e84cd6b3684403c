import { createHmac } from 'node:crypto';
import { AppError } from '@fareway/domain';
import { constantTimeEqual } from '../constant-time';

/**
 * The `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">` scheme: Stripe's
 * `Stripe-Signature`, and our sandbox's `Fareway-Signature` on purpose, so one
 * implementation is checked against Stripe's own library in the tests.
 */
export const DEFAULT_TOLERANCE_SECONDS = 300;

export function computeSignature(secret: string, rawBody: Buffer | string, timestampSeconds: number): string {
  return createHmac('sha256', secret).update(`${timestampSeconds}.`, 'utf8').update(rawBody).digest('hex');
}

export function signTimestamped(secret: string, rawBody: Buffer | string, timestampSeconds: number): string {
  if (!Number.isSafeInteger(timestampSeconds) || timestampSeconds < 0) throw new RangeError(`bad timestamp ${timestampSeconds}`);
  return `t=${timestampSeconds},v1=${computeSignature(secret, rawBody, timestampSeconds)}`;
}

export interface VerifyTimestampedInput {
  header: string | undefined;
  secret: string;
  rawBody: Buffer;
  now: Date;
  toleranceSeconds?: number;
}

/**
 * Throws WEBHOOK_SIGNATURE_INVALID unless one `v1` signature in the header is the
 * HMAC of this exact body under `secret` and the timestamp is within the tolerance
 * of `now`, in either direction. Returns the signed timestamp.
 */
export function verifyTimestamped(input: VerifyTimestampedInput): number {
  const tolerance = input.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  if (!input.header) throw invalid('signature header missing');
  let timestamp: number | undefined;
  const candidates: string[] = [];
  for (const part of input.header.split(',')) {
    const at = part.indexOf('=');
    if (at <= 0) continue;
    const key = part.slice(0, at).trim();
    const value = part.slice(at + 1).trim();
    if (key === 't') {
      // Two timestamps would let an attacker choose which one we read.
      if (timestamp !== undefined || !/^\d{1,12}$/.test(value)) throw invalid('signature timestamp malformed');
      timestamp = Number(value);
    } else if (key === 'v1') {
      candidates.push(value);
    }
    // Other schemes (Stripe's v0 test signatures) are ignored, never trusted.
  }
  if (timestamp === undefined || candidates.length === 0) throw invalid('signature header malformed');

  const expected = computeSignature(input.secret, input.rawBody, timestamp);
  // Compare against every candidate (several appear while a secret is rotated); each comparison is constant-time.
  let matched = false;
  for (const candidate of candidates) {
    if (constantTimeEqual(expected, candidate)) matched = true;
  }
  if (!matched) throw invalid('signature does not match');

  // A valid signature on an old (or far-future) timestamp is a replay: refuse it.
  const skew = Math.abs(Math.floor(input.now.getTime() / 1000) - timestamp);
  if (skew > tolerance) throw invalid('signature timestamp outside tolerance');
  return timestamp;
}

export function invalid(reason: string): AppError {
  return new AppError('WEBHOOK_SIGNATURE_INVALID', `Webhook signature invalid: ${reason}`);
}

/** Header lookup that ignores case; a header sent twice is refused rather than picked from. */
export function singleHeader(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  let found: string | undefined;
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted || value === undefined) continue;
    const values = Array.isArray(value) ? value : [value];
    if (found !== undefined || values.length !== 1) throw invalid(`${name} header sent more than once`);
    found = values[0];
  }
  return found;
}
