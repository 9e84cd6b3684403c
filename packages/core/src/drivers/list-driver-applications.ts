import { schema } from '@fareway/db';
import { and, asc, count, desc, eq, ilike, or, type SQL } from 'drizzle-orm';
import type { Deps } from '../deps';
import type { Page } from '../identity/list-users';
import { containsPattern, personMatches } from '../identity/person-search';
import type { Actor } from '../identity/users';
import { type PublicDriverApplication, toPublicDriverApplication } from './public-driver-application';

/**
 * Admin: applications by status, oldest first (a review queue), with who
 * applied. `q` finds one by the name on it, national id or licence number, or
 * the applicant's name, email or phone (typed any way).
 */
export async function listDriverApplications(
  deps: Pick<Deps, 'db' | 'config'>,
  input: { status?: 'pending' | 'approved' | 'rejected'; q?: string; page: number; limit: number },
): Promise<Page<PublicDriverApplication>> {
  const a = schema.driverApplications;
  const filters: SQL[] = [];
  if (input.status) filters.push(eq(a.status, input.status));
  const q = input.q?.trim();
  if (q) {
    const pattern = containsPattern(q);
    filters.push(
      or(
        ilike(a.fullName, pattern),
        ilike(a.nationalId, pattern),
        ilike(a.licenceNumber, pattern),
        personMatches(schema.users, q, deps.config.auth.defaultRegion),
      ) as SQL,
    );
  }
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
    deps.db
      .select({ n: count() })
      .from(schema.driverApplications)
      .innerJoin(schema.users, eq(schema.users.id, schema.driverApplications.userId))
      .where(where),
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
