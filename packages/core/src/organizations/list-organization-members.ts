import { schema } from '@fareway/db';
import type { MemberRole } from '@fareway/db/schema';
import { asc, eq } from 'drizzle-orm';
import type { PersonLabel } from '../back-office/labels';
import type { Deps } from '../deps';
import type { Actor } from '../identity/users';
import { loadOrganizationFor } from './organizations';

export interface OrganizationMember {
  user: PersonLabel;
  role: MemberRole;
  addedAt: string;
}

/** Who works for an organisation (members and admins may look): owners first, then by when they were added. */
export async function listOrganizationMembers(
  deps: Pick<Deps, 'db'>,
  actor: Actor,
  input: { organizationId: string },
): Promise<{ items: OrganizationMember[] }> {
  await loadOrganizationFor(deps.db, actor, input.organizationId);
  const m = schema.organizationMembers;
  const u = schema.users;
  const rows = await deps.db
    .select({ id: u.id, name: u.name, phone: u.phone, email: u.email, role: m.role, createdAt: m.createdAt })
    .from(m)
    .innerJoin(u, eq(u.id, m.userId))
    .where(eq(m.organizationId, input.organizationId))
    .orderBy(asc(m.role), asc(m.createdAt), asc(u.id));
  return {
    items: rows.map((r) => ({
      user: { id: r.id, name: r.name, phone: r.phone, email: r.email },
      role: r.role,
      addedAt: r.createdAt.toISOString(),
    })),
  };
}
