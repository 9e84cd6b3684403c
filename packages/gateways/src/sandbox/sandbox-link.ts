import { createHmac } from 'node:crypto';
import { constantTimeEqual } from '../constant-time';

/** How long a sandbox checkout link lets its holder approve or decline. */
export const SANDBOX_LINK_TTL_SECONDS = 60 * 60;

/** The query parameter of the hosted page that carries `<expires>.<signature>`. */
export const SANDBOX_LINK_PARAMETER = 'link';

/** What a presented link is worth: none sent, genuine and current, genuine but past its expiry, or not ours. */
export type SandboxLinkCheck = 'absent' | 'valid' | 'expired' | 'invalid';

function signature(secret: string, intentId: string, expiresAtSeconds: number): string {
  // A label of its own, so this HMAC can never be mistaken for a webhook signature under the same secret.
  return createHmac('sha256', secret).update(`sandbox-pay-link:${intentId}:${expiresAtSeconds}`).digest('hex');
}

/** `<expires unix seconds>.<hex HMAC-SHA256 over the intent id and the expiry>`: the capability the checkout URL carries. */
export function signSandboxPayLink(secret: string, intentId: string, nowSeconds: number, ttlSeconds = SANDBOX_LINK_TTL_SECONDS): string {
  const expires = nowSeconds + ttlSeconds;
  return `${expires}.${signature(secret, intentId, expires)}`;
}

/**
 * Checks `link` (the raw query value: absent, a string, or an array when repeated) against the
 * intent id it claims to open. Only a link we signed for this very intent can say `expired`, so
 * the answer tells a stranger nothing about whether the intent exists.
 */
export function checkSandboxPayLink(secret: string, intentId: string, link: unknown, nowSeconds: number): SandboxLinkCheck {
  if (link === undefined || link === '') return 'absent';
  if (typeof link !== 'string') return 'invalid';
  const match = /^(\d{1,12})\.([0-9a-f]{64})$/.exec(link);
  if (!match?.[1] || !match[2]) return 'invalid';
  const expires = Number(match[1]);
  // Security: compared in constant time, so a signature cannot be guessed a byte at a time.
  if (!constantTimeEqual(match[2], signature(secret, intentId, expires))) return 'invalid';
  return expires > nowSeconds ? 'valid' : 'expired';
}
