export type SessionVerdict = 'valid' | 'renew' | 'expired';

/**
 * Sliding expiry: a session past its end is expired; one with less than half
 * its life left is renewed to a full life (so an active user never sees a logout).
 */
export function judgeSession(expiresAt: Date, now: Date, lifetimeMs: number): SessionVerdict {
  const left = expiresAt.getTime() - now.getTime();
  if (left <= 0) return 'expired';
  if (left < lifetimeMs / 2) return 'renew';
  return 'valid';
}
