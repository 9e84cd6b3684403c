import { newId, schema, withTransaction } from '@fareway/db';
import { AppError } from '@fareway/domain';
import { eq } from 'drizzle-orm';
import { recordAudit } from '../audit/record-audit';
import type { Deps } from '../deps';
import { hashPassword } from './passwords';
import type { PublicUser } from './users';
import { toPublicUser } from './users';

/**
 * Creates an admin with this email, or gives an existing account the admin role
 * and this password. Used by the ADMIN_EMAIL/ADMIN_PASSWORD bootstrap and `pnpm admin:create`.
 */
export async function ensureAdmin(
  deps: Pick<Deps, 'db' | 'clock'>,
  input: { email: string; password: string; name?: string; resetPassword?: boolean },
): Promise<{ user: PublicUser; created: boolean }> {
  const email = input.email.trim().toLowerCase();
  if (input.password.length < 12) throw new AppError('VALIDATION_ERROR', 'An admin password needs at least 12 characters');
  // argon2 is slow on purpose: hash only when a password will be written (not on every start).
  const [present] = await deps.db.select({ id: schema.users.id }).from(schema.users).where(eq(schema.users.email, email)).limit(1);
  const passwordHash = !present || input.resetPassword ? await hashPassword(input.password) : undefined;
  return withTransaction(deps.db, async (tx) => {
    const now = deps.clock.now();
    const origin = { ip: null, requestId: null };
    const [existing] = await tx.select().from(schema.users).where(eq(schema.users.email, email)).limit(1);
    if (existing) {
      const roles = existing.roles.includes('admin') ? existing.roles : [...existing.roles, 'admin'];
      const [user] = await tx
        .update(schema.users)
        .set({ roles, ...(input.resetPassword && passwordHash ? { passwordHash } : {}), updatedAt: now })
        .where(eq(schema.users.id, existing.id))
        .returning();
      if (!existing.roles.includes('admin')) {
        await recordAudit(tx, now, origin, {
          actorUserId: null,
          action: 'user.roles_changed',
          subjectType: 'user',
          subjectId: existing.id,
          before: { roles: existing.roles },
          after: { roles, via: 'bootstrap' },
        });
      }
      return { user: toPublicUser(user ?? existing), created: false };
    }
    // Only when the account vanished between the look-up and this transaction.
    if (!passwordHash) throw new Error('admin account changed during bootstrap; run it again');
    const [user] = await tx
      .insert(schema.users)
      .values({
        id: newId(),
        email,
        passwordHash,
        name: input.name ?? 'Administrator',
        roles: ['admin', 'customer'],
        status: 'active',
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!user) throw new Error('admin insert returned nothing');
    await recordAudit(tx, now, origin, {
      actorUserId: null,
      action: 'user.created',
      subjectType: 'user',
      subjectId: user.id,
      after: { roles: user.roles, via: 'bootstrap' },
    });
    return { user: toPublicUser(user), created: true };
  });
}
