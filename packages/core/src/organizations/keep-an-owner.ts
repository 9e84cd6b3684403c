import { schema, type Transaction } from '@fareway/db';
import type { MemberRole } from '@fareway/db/schema';
import { AppError } from '@fareway/domain';
import { eq } from 'drizzle-orm';

/**
 * Locks an organisation's members and refuses a change that would leave it with no owner
 * (`nextRole` null: the member is removed): an organisation nobody owns could never be
 * managed again, nor its statements read. Locked, so two owners demoting or removing each
 * other at once cannot both succeed. Returns the members as they were.
 */
export async function lockMembersKeepingAnOwner(
  tx: Transaction,
  organizationId: string,
  userId: string,
  nextRole: MemberRole | null,
): Promise<(typeof schema.organizationMembers.$inferSelect)[]> {
  const m = schema.organizationMembers;
  const members = await tx.select().from(m).where(eq(m.organizationId, organizationId)).for('update');
  const member = members.find((row) => row.userId === userId);
  const lastOwner = member?.role === 'owner' && members.filter((row) => row.role === 'owner').length === 1;
  if (lastOwner && nextRole !== 'owner') {
    throw new AppError('VALIDATION_ERROR', 'An organization keeps at least one owner: make someone else an owner first', {
      details: [{ path: 'userId', message: 'the last owner' }],
    });
  }
  return members;
}
