import { newId, schema, withTransaction } from '@fareway/db';
import { AppError, codeState, maskPhone } from '@fareway/domain';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { type RequestOrigin, recordAudit } from '../audit/record-audit';
import type { Deps } from '../deps';
import { digestsEqual, hashOtpCode } from './secrets';
import { parsePhoneOrThrow } from './send-otp';
import { completeSignIn, type SignedIn } from './sessions';

type Outcome = { ok: true; signedIn: SignedIn } | { ok: false; code: 'OTP_INVALID' | 'OTP_EXPIRED' | 'ACCOUNT_SUSPENDED' };

/**
 * Checks a code: single use, 5 minutes of life, at most 5 wrong tries (then
 * OTP_EXPIRED), compared in constant time. The first success creates the customer.
 * A wrong try is counted and audited even though the call fails.
 */
export async function verifyOtp(
  deps: Deps,
  input: { phoneNumber: string; code: string },
  origin: RequestOrigin & { userAgent?: string | null },
): Promise<SignedIn> {
  const phone = parsePhoneOrThrow(input.phoneNumber, deps.config.auth.defaultRegion);
  const now = deps.clock.now();
  const outcome = await withTransaction(deps.db, async (tx): Promise<Outcome> => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`otp:${phone}`}, 0))`);
    const [code] = await tx
      .select()
      .from(schema.otpCodes)
      .where(and(eq(schema.otpCodes.phone, phone), isNull(schema.otpCodes.consumedAt)))
      .orderBy(desc(schema.otpCodes.createdAt))
      .limit(1);
    const failed = async (reason: 'OTP_INVALID' | 'OTP_EXPIRED' | 'ACCOUNT_SUSPENDED'): Promise<Outcome> => {
      await recordAudit(tx, now, origin, {
        actorUserId: null,
        action: 'auth.sign_in_failed',
        subjectType: 'phone',
        subjectId: maskPhone(phone),
        after: { method: 'otp', reason },
      });
      return { ok: false, code: reason };
    };
    if (!code || codeState(code, now) !== 'usable') return failed('OTP_EXPIRED');
    const matches = /^\d{6}$/.test(input.code) && digestsEqual(code.codeHash, hashOtpCode(deps.config.auth.secret, phone, input.code));
    if (!matches) {
      await tx
        .update(schema.otpCodes)
        .set({ attempts: sql`${schema.otpCodes.attempts} + 1` })
        .where(eq(schema.otpCodes.id, code.id));
      return failed('OTP_INVALID');
    }
    await tx.update(schema.otpCodes).set({ consumedAt: now }).where(eq(schema.otpCodes.id, code.id));

    let [user] = await tx.select().from(schema.users).where(eq(schema.users.phone, phone)).limit(1);
    if (!user) {
      [user] = await tx
        .insert(schema.users)
        .values({ id: newId(), phone, roles: ['customer'], status: 'active', createdAt: now, updatedAt: now })
        .returning();
      if (!user) throw new Error('user insert returned nothing');
      await recordAudit(tx, now, origin, {
        actorUserId: user.id,
        action: 'user.created',
        subjectType: 'user',
        subjectId: user.id,
        after: { method: 'otp' },
      });
    }
    if (user.status !== 'active') return failed('ACCOUNT_SUSPENDED');
    return { ok: true, signedIn: await completeSignIn(tx, user, 'otp', now, deps.config.auth.sessionTtlDays, origin) };
  });
  if (outcome.ok) return outcome.signedIn;
  if (outcome.code === 'OTP_INVALID') throw new AppError('OTP_INVALID', 'That code is not right; check the SMS and try again');
  if (outcome.code === 'ACCOUNT_SUSPENDED') throw new AppError('ACCOUNT_SUSPENDED', 'This account is suspended; contact support');
  throw new AppError('OTP_EXPIRED', 'That code has expired or was used up; ask for a new one');
}
