/** The OTP rules of DESIGN.md §7, in one place. */
export const OTP_RULES = {
  codeLifetimeSeconds: 300,
  maxWrongAttempts: 5,
  resendCooldownSeconds: 60,
  maxSendsPerWindow: 5,
  sendWindowSeconds: 300,
} as const;

export interface RecentSend {
  createdAt: Date;
}

export type SendDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number; reason: 'cooldown' | 'window' };

/**
 * Whether another code may be sent to a number, given the codes sent to it in
 * the last window (newest first). Pure, so the rules are tested without a clock.
 */
export function decideOtpSend(recent: RecentSend[], now: Date, rules = OTP_RULES): SendDecision {
  const windowStart = now.getTime() - rules.sendWindowSeconds * 1000;
  const inWindow = recent.filter((r) => r.createdAt.getTime() > windowStart);
  const newest = inWindow[0];
  if (newest) {
    const sinceNewest = now.getTime() - newest.createdAt.getTime();
    if (sinceNewest < rules.resendCooldownSeconds * 1000) {
      return {
        allowed: false,
        reason: 'cooldown',
        retryAfterSeconds: Math.ceil((rules.resendCooldownSeconds * 1000 - sinceNewest) / 1000),
      };
    }
  }
  if (inWindow.length >= rules.maxSendsPerWindow) {
    const oldest = inWindow[inWindow.length - 1] as RecentSend;
    const frees = oldest.createdAt.getTime() + rules.sendWindowSeconds * 1000;
    return { allowed: false, reason: 'window', retryAfterSeconds: Math.max(1, Math.ceil((frees - now.getTime()) / 1000)) };
  }
  return { allowed: true };
}

export interface StoredCode {
  expiresAt: Date;
  attempts: number;
  consumedAt: Date | null;
}

export type CodeState = 'usable' | 'expired' | 'used' | 'exhausted';

export function codeState(code: StoredCode, now: Date, rules = OTP_RULES): CodeState {
  if (code.consumedAt) return 'used';
  if (code.attempts >= rules.maxWrongAttempts) return 'exhausted';
  if (now.getTime() >= code.expiresAt.getTime()) return 'expired';
  return 'usable';
}
