import { newId, schema, withTransaction } from '@fareway/db';
import { type RequestOrigin, recordAudit } from '../audit/record-audit';
import type { Deps } from '../deps';
import { hashPassword } from './passwords';
import { completeSignIn, type SignedIn } from './sessions';
import './update-profile'; // registers users_email_key → EMAIL_IN_USE

/**
 * `POST /auth/register {email, password, name}` (seed 003's RegisterSchema): a customer account
 * that signs in with email and password beside phone OTP, signed in at once. A taken address is
 * `409 EMAIL_IN_USE` (the unique index has the last word, also under a race). The route spends
 * the sign-in rate budget (apps/server/src/rate-limit.ts).
 */
export async function registerWithEmail(
  deps: Deps,
  input: { email: string; password: string; name: string; locale?: 'en' | 'si' | 'ta' },
  origin: RequestOrigin & { userAgent?: string | null },
): Promise<SignedIn> {
  const email = input.email.trim().toLowerCase();
  // argon2id runs before the transaction: it is slow on purpose and must hold no connection.
  const passwordHash = await hashPassword(input.password);
  return withTransaction(deps.db, async (tx) => {
    const now = deps.clock.now();
    const [user] = await tx
      .insert(schema.users)
      .values({
        id: newId(),
        email,
        passwordHash,
        name: input.name.trim(),
        locale: input.locale ?? null,
        roles: ['customer'],
        status: 'active',
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!user) throw new Error('user insert returned nothing');
    await recordAudit(tx, now, origin, {
      actorUserId: user.id,
      action: 'user.created',
      subjectType: 'user',
      subjectId: user.id,
      after: { method: 'password' },
    });
    return completeSignIn(tx, user, 'password', now, deps.config.auth.sessionTtlDays, origin);
  });
}
