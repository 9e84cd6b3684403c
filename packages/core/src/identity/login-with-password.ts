import { schema, withTransaction } from '@fareway/db';
import { AppError, LOCKOUT, lockoutSeconds } from '@fareway/domain';
import { eq, inArray, sql } from 'drizzle-orm';
import { type RequestOrigin, recordAudit } from '../audit/record-audit';
import type { Deps } from '../deps';
import { verifyPassword } from './passwords';
import { completeSignIn, type SignedIn } from './sessions';

const INVALID = 'Email or password is not right';

/**
 * Email + password sign-in (admins, operator staff). Unknown email and wrong
 * password get the same error in the same time; repeated failures lock the
 * account and the IP out for growing periods.
 */
export async function loginWithPassword(
  deps: Deps,
  input: { email: string; password: string },
  origin: RequestOrigin & { userAgent?: string | null },
): Promise<SignedIn> {
  const email = input.email.trim().toLowerCase();
  const now = deps.clock.now();
  const keys = { account: `account:${email}`, ip: `ip:${origin.ip ?? 'unknown'}` };

  const throttles = await deps.db
    .select()
    .from(schema.loginThrottles)
    .where(inArray(schema.loginThrottles.key, [keys.account, keys.ip]));
  const lockedUntil = Math.max(0, ...throttles.map((t) => t.lockedUntil?.getTime() ?? 0));
  if (lockedUntil > now.getTime()) {
    throw new AppError('RATE_LIMITED', 'Too many failed sign-ins; try again later', {
      retryAfterSeconds: Math.ceil((lockedUntil - now.getTime()) / 1000),
    });
  }

  const [user] = await deps.db.select().from(schema.users).where(eq(schema.users.email, email)).limit(1);
  // argon2 runs outside any transaction: it is slow on purpose.
  const valid = await verifyPassword(user?.passwordHash ?? null, input.password);

  const outcome = await withTransaction(deps.db, async (tx) => {
    if (!valid || !user) {
      for (const [key, rule] of [
        [keys.account, LOCKOUT.account],
        [keys.ip, LOCKOUT.ip],
      ] as const) {
        // Failures older than a day are forgotten; each new one may extend the lock.
        const [row] = await tx
          .insert(schema.loginThrottles)
          .values({ key, failures: 1, lastFailedAt: now, lockedUntil: null })
          .onConflictDoUpdate({
            target: schema.loginThrottles.key,
            set: {
              failures: sql`case when ${schema.loginThrottles.lastFailedAt} < ${new Date(now.getTime() - LOCKOUT.forgetAfterSeconds * 1000).toISOString()}::timestamptz then 1 else ${schema.loginThrottles.failures} + 1 end`,
              lastFailedAt: now,
            },
          })
          .returning({ failures: schema.loginThrottles.failures });
        const seconds = lockoutSeconds(row?.failures ?? 1, rule);
        if (seconds > 0) {
          await tx
            .update(schema.loginThrottles)
            .set({ lockedUntil: new Date(now.getTime() + seconds * 1000) })
            .where(eq(schema.loginThrottles.key, key));
        }
      }
      await recordAudit(tx, now, origin, {
        actorUserId: user?.id ?? null,
        action: 'auth.sign_in_failed',
        subjectType: 'user',
        subjectId: user?.id ?? null,
        after: { method: 'password' },
      });
      return null;
    }
    if (user.status !== 'active') return 'suspended' as const;
    await tx.delete(schema.loginThrottles).where(eq(schema.loginThrottles.key, keys.account));
    return completeSignIn(tx, user, 'password', now, deps.config.auth.sessionTtlDays, origin);
  });
  if (outcome === null) throw new AppError('INVALID_CREDENTIALS', INVALID);
  if (outcome === 'suspended') throw new AppError('ACCOUNT_SUSPENDED', 'This account is suspended; contact support');
  return outcome;
}
