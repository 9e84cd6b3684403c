import { schema, withTransaction } from '@fareway/db';
import { AppError } from '@fareway/domain';
import { eq } from 'drizzle-orm';
import { type RequestOrigin, recordAudit } from '../audit/record-audit';
import type { Deps } from '../deps';
import type { Actor } from '../identity/users';
import { queueNotification } from '../notifications/queue-notification';
import { type PublicDriverApplication, toPublicDriverApplication } from './public-driver-application';

/**
 * Admin: approves a pending application (the applicant gains the `driver`
 * role at once: roles are read on every request) or rejects it with a reason
 * the applicant sees. Both are audited.
 */
export async function reviewDriverApplication(
  deps: Deps,
  actor: Actor,
  input: { applicationId: string; decision: 'approve' | 'reject'; reason?: string },
  origin: RequestOrigin,
): Promise<PublicDriverApplication> {
  const reason = input.reason?.trim() || null;
  if (input.decision === 'reject' && !reason) {
    throw new AppError('VALIDATION_ERROR', 'A rejection needs a reason the applicant can act on', {
      details: [{ path: 'reason', message: 'required' }],
    });
  }
  return withTransaction(deps.db, async (tx) => {
    const now = deps.clock.now();
    const [application] = await tx
      .select()
      .from(schema.driverApplications)
      .where(eq(schema.driverApplications.id, input.applicationId))
      .for('update');
    if (!application) throw new AppError('NOT_FOUND', 'No such driver application');
    if (application.status !== 'pending') throw new AppError('VALIDATION_ERROR', `The application was already ${application.status}`);
    const status = input.decision === 'approve' ? 'approved' : 'rejected';
    const [updated] = await tx
      .update(schema.driverApplications)
      .set({ status, decisionReason: reason, reviewedBy: actor.userId, reviewedAt: now, updatedAt: now })
      .where(eq(schema.driverApplications.id, application.id))
      .returning();
    if (!updated) throw new Error('driver application vanished while locked');
    await recordAudit(tx, now, origin, {
      actorUserId: actor.userId,
      action: `driver_application.${status}`,
      subjectType: 'driver_application',
      subjectId: application.id,
      before: { status: application.status },
      after: { status, reason },
    });
    if (status === 'approved') {
      const [user] = await tx.select().from(schema.users).where(eq(schema.users.id, application.userId)).for('update');
      if (!user) throw new AppError('USER_NOT_FOUND', 'The applicant no longer exists');
      if (!user.roles.includes('driver')) {
        const roles = [...user.roles, 'driver'].sort();
        await tx.update(schema.users).set({ roles, updatedAt: now }).where(eq(schema.users.id, user.id));
        await recordAudit(tx, now, origin, {
          actorUserId: actor.userId,
          action: 'user.roles_changed',
          subjectType: 'user',
          subjectId: user.id,
          before: { roles: user.roles },
          after: { roles, via: 'driver_application' },
        });
      }
    }
    await queueNotification(tx, deps, {
      userId: application.userId,
      key: `driver.${status}:${application.id}`,
      ...(status === 'approved'
        ? { template: 'driver.approved' as const, data: reason ? { note: reason } : {} }
        : { template: 'driver.rejected' as const, data: { reason: reason ?? '' } }),
    });
    return toPublicDriverApplication(updated);
  });
}
