import { type DatabaseOrTransaction, schema } from '@fareway/db';
import type { MemberRole } from '@fareway/db/schema';
import { AppError } from '@fareway/domain';
import { and, eq } from 'drizzle-orm';
import { type Actor, isAdmin } from '../identity/users';

export type OrganizationRow = typeof schema.organizations.$inferSelect;

export interface PublicOrganization {
  id: string;
  name: string;
  status: 'pending' | 'approved' | 'suspended';
  timeZone: string;
  createdAt: string;
  /** The caller's role in it, when a member. */
  myRole: MemberRole | null;
}

export function toPublicOrganization(org: OrganizationRow, myRole: MemberRole | null): PublicOrganization {
  return { id: org.id, name: org.name, status: org.status, timeZone: org.timeZone, createdAt: org.createdAt.toISOString(), myRole };
}

/**
 * The organisation, if the actor may see it: members and admins. Anyone else
 * gets ORGANIZATION_NOT_FOUND, exactly as if it did not exist ("not yours" = absent).
 */
export async function loadOrganizationFor(
  tx: DatabaseOrTransaction,
  actor: Actor,
  organizationId: string,
  need: 'member' | 'owner' = 'member',
): Promise<{ organization: OrganizationRow; role: MemberRole | null }> {
  const [row] = await tx
    .select({ organization: schema.organizations, role: schema.organizationMembers.role })
    .from(schema.organizations)
    .leftJoin(
      schema.organizationMembers,
      and(eq(schema.organizationMembers.organizationId, schema.organizations.id), eq(schema.organizationMembers.userId, actor.userId)),
    )
    .where(eq(schema.organizations.id, organizationId))
    .limit(1);
  const role = row?.role ?? null;
  if (!row || (!role && !isAdmin(actor))) throw new AppError('ORGANIZATION_NOT_FOUND', 'No such organization');
  if (need === 'owner' && role !== 'owner' && !isAdmin(actor))
    throw new AppError('FORBIDDEN', 'Only an owner of this organization may do that');
  return { organization: row.organization, role };
}

/** The organisation's owners: whom its partner notices (settlements, webhook trouble, approval) go to. */
export async function organizationOwnerIds(tx: DatabaseOrTransaction, organizationId: string): Promise<string[]> {
  const m = schema.organizationMembers;
  const rows = await tx
    .select({ userId: m.userId })
    .from(m)
    .where(and(eq(m.organizationId, organizationId), eq(m.role, 'owner')));
  return rows.map((row) => row.userId);
}
