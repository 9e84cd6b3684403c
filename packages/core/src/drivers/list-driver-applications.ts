import { schema } from '@fareway/db';
import { and, asc, count, desc, eq, type SQL } from 'drizzle-orm';
import type { Deps } from '../deps';
import type { Page } from '../identity/list-users';
import type { Actor } from '../identity/users';
import { type PublicDriverApplication, toPublicDriverApplication } from './public-driver-application';

/** Admin: applications by status, oldest first (a review queue), with who applied. */
export async function listDriverApplications(
  deps: Pick<Deps, 'db'>,
  input: { status?: 'pending' | 'approved' | 'rejected'; page: number; limit: number },
): Promise<Page<PublicDriverApplication>> {
  const filters: SQL[] = [];
  if (input.status) filters.push(eq(schema.driverApplications.status, input.status));
  const where = filters.length ? and(...filters) : undefined;
  const [rows, [total]] = await Promise.all([
    deps.db
      .select({ application: schema.driverApplications, phone: schema.users.phone, name: schema.users.name })
      .from(schema.driverApplications)
      .innerJoin(schema.users, eq(schema.users.id, schema.driverApplications.userId))
      .where(where)
      .orderBy(asc(schema.driverApplications.createdAt), asc(schema.driverApplications.id))
      .limit(input.limit)
      .offset((input.page - 1) * input.limit),
    deps.db.select({ n: count() }).from(schema.driverApplications).where(where),
  ]);
  return {
    items: rows.map((r) => toPublicDriverApplication(r.application, { phone: r.phone, name: r.name })),
    meta: { page: input.page, limit: input.limit, total: total?.n ?? 0 },
  };
}

/** The caller's latest application (to show "under review" or the rejection reason), or null. */
export async function getMyDriverApplication(deps: Pick<Deps, 'db'>, actor: Actor): Promise<PublicDriverApplication | null> {
  const [row] = await deps.db
    .select()
    .from(schema.driverApplications)
    .where(eq(schema.driverApplications.userId, actor.userId))
    .orderBy(desc(schema.driverApplications.createdAt), desc(schema.driverApplications.id))
    .limit(1);
  return row ? toPublicDriverApplication(row) : null;
}
