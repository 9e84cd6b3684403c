import { schema } from '@fareway/db';
import { count, desc, eq } from 'drizzle-orm';
import type { Deps } from '../deps';
import type { Page } from '../identity/list-users';
import type { Actor } from '../identity/users';
import { type PublicOrganization, toPublicOrganization } from '../organizations/organizations';

/** Admin: operators by status (the approval queue is `status=pending`), newest first. */
export async function listOrganizations(
  deps: Pick<Deps, 'db'>,
  input: { page: number; limit: number; status?: 'pending' | 'approved' | 'suspended' },
): Promise<Page<PublicOrganization>> {
  const where = input.status ? eq(schema.organizations.status, input.status) : undefined;
  const [rows, [total]] = await Promise.all([
    deps.db
      .select()
      .from(schema.organizations)
      .where(where)
      .orderBy(desc(schema.organizations.createdAt), desc(schema.organizations.id))
      .limit(input.limit)
      .offset((input.page - 1) * input.limit),
    deps.db.select({ n: count() }).from(schema.organizations).where(where),
  ]);
  return { items: rows.map((r) => toPublicOrganization(r, null)), meta: { page: input.page, limit: input.limit, total: total?.n ?? 0 } };
}

/** The organizations the caller belongs to, with their role (how an operator's staff find their organizationId). */
export async function listMyOrganizations(
  deps: Pick<Deps, 'db'>,
  actor: Actor,
  input: { page: number; limit: number },
): Promise<Page<PublicOrganization>> {
  const where = eq(schema.organizationMembers.userId, actor.userId);
  const [rows, [total]] = await Promise.all([
    deps.db
      .select({ organization: schema.organizations, role: schema.organizationMembers.role })
      .from(schema.organizationMembers)
      .innerJoin(schema.organizations, eq(schema.organizations.id, schema.organizationMembers.organizationId))
      .where(where)
      .orderBy(desc(schema.organizations.createdAt), desc(schema.organizations.id))
      .limit(input.limit)
      .offset((input.page - 1) * input.limit),
    deps.db.select({ n: count() }).from(schema.organizationMembers).where(where),
  ]);
  return {
    items: rows.map((r) => toPublicOrganization(r.organization, r.role)),
    meta: { page: input.page, limit: input.limit, total: total?.n ?? 0 },
  };
}
