/**
 * Progressive lockout after failed password sign-ins. Up to `freeFailures` cost
 * nothing; each failure past that locks for twice as long as the one before,
 * from 30 s up to an hour. Applied per account and (more leniently) per IP.
 */
export const LOCKOUT = {
  account: { freeFailures: 4, baseSeconds: 30, maxSeconds: 3600 },
  ip: { freeFailures: 19, baseSeconds: 30, maxSeconds: 3600 },
  /** Failures older than this are forgotten. */
  forgetAfterSeconds: 24 * 3600,
} as const;

export function lockoutSeconds(failures: number, rule: { freeFailures: number; baseSeconds: number; maxSeconds: number }): number {
  if (failures <= rule.freeFailures) return 0;
  const steps = failures - rule.freeFailures - 1;
  return Math.min(rule.maxSeconds, rule.baseSeconds * 2 ** Math.min(steps, 20));
}
