import { registerConstraintError, schema, withTransaction } from '@fareway/db';
import { AppError, type NotificationLocale } from '@fareway/domain';
import { eq } from 'drizzle-orm';
import { type RequestOrigin, recordAudit } from '../audit/record-audit';
import type { Deps } from '../deps';
import { type Actor, findUserById, type PublicUser, toPublicUser } from './users';

registerConstraintError('users_email_key', 'EMAIL_IN_USE', 'Another account already uses that email address');

export interface ProfileChanges {
  name?: string | undefined;
  /** Language of notices (en, si, ta). */
  locale?: NotificationLocale | undefined;
  /** Where notices are emailed; null removes it. */
  email?: string | null | undefined;
}

/**
 * The signed-in user changes their own display name, notice language or email.
 * Security: an account that signs in with email + password (admins, operator
 * staff) keeps its sign-in address here; it is changed by an admin, not by a
 * session alone.
 */
export async function updateProfile(deps: Deps, actor: Actor, input: ProfileChanges, origin: RequestOrigin): Promise<PublicUser> {
  return withTransaction(deps.db, async (tx) => {
    const before = await findUserById(tx, actor.userId);
    if (!before) throw new Error('signed-in user vanished');
    const email = input.email === undefined ? undefined : input.email === null ? null : input.email.trim().toLowerCase();
    if (email !== undefined && email !== before.email && before.passwordHash) {
      throw new AppError('FORBIDDEN', 'This account signs in with its email address; an admin changes it');
    }
    if (email === null && !before.phone) throw new AppError('VALIDATION_ERROR', 'An account without a phone number keeps its email');
    const now = deps.clock.now();
    const set = {
      ...(input.name !== undefined ? { name: input.name.trim() } : {}),
      ...(input.locale !== undefined ? { locale: input.locale } : {}),
      ...(email !== undefined ? { email } : {}),
      updatedAt: now,
    };
    const [user] = await tx.update(schema.users).set(set).where(eq(schema.users.id, actor.userId)).returning();
    if (!user) throw new Error('signed-in user vanished');
    await recordAudit(tx, now, origin, {
      actorUserId: actor.userId,
      action: 'user.profile_updated',
      subjectType: 'user',
      subjectId: actor.userId,
      before: { name: before.name, locale: before.locale, email: before.email },
      after: { name: user.name, locale: user.locale, email: user.email },
    });
    return toPublicUser(user);
  });
}
