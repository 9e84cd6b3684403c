import { newId, schema, withTransaction } from '@fareway/db';
import { AppError, decideOtpSend, maskPhone, normalizePhone, OTP_RULES } from '@fareway/domain';
import { and, desc, eq, gt, sql } from 'drizzle-orm';
import { type RequestOrigin, recordAudit } from '../audit/record-audit';
import type { Deps } from '../deps';
import { queueNotification } from '../notifications/queue-notification';
import { consumeRateLimit } from '../rate-limit/consume-rate-limit';
import { generateOtpCode, hashOtpCode } from './secrets';

export interface SendOtpResult {
  message: string;
  expiresIn: number;
  retryAfter: number;
}

export function parsePhoneOrThrow(phoneNumber: string, region: string): string {
  const phone = normalizePhone(phoneNumber, region);
  if (!phone) {
    throw new AppError('VALIDATION_ERROR', 'Enter a valid mobile number, e.g. +94771234567', {
      details: [{ path: 'phoneNumber', message: 'not a valid phone number' }],
    });
  }
  return phone;
}

/**
 * Sends a sign-in code. The answer is the same whether or not the number has an
 * account. Limits: per number (5 per 5 minutes, 60 s between sends), per IP, and
 * a global hourly budget that caps the SMS bill; test numbers obey them all.
 */
export async function sendOtp(deps: Deps, input: { phoneNumber: string }, origin: RequestOrigin): Promise<SendOtpResult> {
  const phone = parsePhoneOrThrow(input.phoneNumber, deps.config.auth.defaultRegion);
  const now = deps.clock.now();

  // The per-IP budget is counted first, so a flood across many numbers from one
  // client is stopped even when each number looks innocent.
  const ip = origin.ip ?? 'unknown';
  const perIp = await consumeRateLimit(deps, { key: `otp:ip:${ip}`, limit: deps.config.auth.otpSendsPerIpPerHour, windowSeconds: 3600 });
  if (!perIp.allowed)
    throw new AppError('OTP_RATE_LIMIT', 'Too many codes requested; try again later', { retryAfterSeconds: perIp.retryAfterSeconds });

  const testCode = deps.config.auth.testNumbers.get(phone);
  const result = await withTransaction(deps.db, async (tx) => {
    // Queue concurrent sends to one number so the window count below is exact.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`otp:${phone}`}, 0))`);
    const recent = await tx
      .select({ createdAt: schema.otpCodes.createdAt })
      .from(schema.otpCodes)
      .where(
        and(eq(schema.otpCodes.phone, phone), gt(schema.otpCodes.createdAt, new Date(now.getTime() - OTP_RULES.sendWindowSeconds * 1000))),
      )
      .orderBy(desc(schema.otpCodes.createdAt));
    const decision = decideOtpSend(recent, now);
    if (!decision.allowed) return decision;

    // Inside the transaction: a send that is refused below does not spend the budget.
    const budget = await consumeRateLimit(
      { db: tx, clock: deps.clock },
      { key: 'otp:global', limit: deps.config.auth.smsBudgetPerHour, windowSeconds: 3600 },
    );
    if (!budget.allowed) return { allowed: false as const, reason: 'budget' as const, retryAfterSeconds: budget.retryAfterSeconds };

    const code = testCode ?? generateOtpCode();
    await tx.insert(schema.otpCodes).values({
      id: newId(),
      phone,
      codeHash: hashOtpCode(deps.config.auth.secret, phone, code),
      createdAt: now,
      expiresAt: new Date(now.getTime() + OTP_RULES.codeLifetimeSeconds * 1000),
      attempts: 0,
      ip: origin.ip,
    });
    if (!testCode) {
      // The code waits for the worker sealed, never in clear, and is scrubbed once sent.
      await queueNotification(tx, deps, { to: phone, template: 'otp', data: { code } });
    }
    await recordAudit(tx, now, origin, {
      actorUserId: null,
      action: 'auth.otp_sent',
      subjectType: 'phone',
      subjectId: maskPhone(phone),
    });
    return { allowed: true as const };
  });

  if (!result.allowed) {
    const message =
      result.reason === 'cooldown' ? 'Wait a minute before asking for another code' : 'Too many codes requested; try again later';
    throw new AppError('OTP_RATE_LIMIT', message, { retryAfterSeconds: result.retryAfterSeconds });
  }
  return {
    message: 'If the number can receive SMS, a code is on its way',
    expiresIn: OTP_RULES.codeLifetimeSeconds,
    retryAfter: OTP_RULES.resendCooldownSeconds,
  };
}
