import { newId, schema, withTransaction } from '@fareway/db';
import { type RequestOrigin, recordAudit } from '../audit/record-audit';
import type { Deps } from '../deps';
import type { Actor } from '../identity/users';
import { type PublicOrganization, toPublicOrganization } from './organizations';

/** A signed-in user registers an operator; they become its owner; an admin approves it before it sells. */
export async function createOrganization(
  deps: Deps,
  actor: Actor,
  input: { name: string; timeZone?: string },
  origin: RequestOrigin,
): Promise<PublicOrganization> {
  return withTransaction(deps.db, async (tx) => {
    const now = deps.clock.now();
    const [organization] = await tx
      .insert(schema.organizations)
      .values({
        id: newId(),
        name: input.name.trim(),
        status: 'pending',
        timeZone: input.timeZone ?? 'Asia/Colombo',
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!organization) throw new Error('organization insert returned nothing');
    await tx
      .insert(schema.organizationMembers)
      .values({ organizationId: organization.id, userId: actor.userId, role: 'owner', createdAt: now });
    await recordAudit(tx, now, origin, {
      actorUserId: actor.userId,
      action: 'organization.created',
      subjectType: 'organization',
      subjectId: organization.id,
      after: { name: organization.name },
    });
    return toPublicOrganization(organization, 'owner');
  });
}
