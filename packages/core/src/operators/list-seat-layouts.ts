import { schema } from '@fareway/db';
import { asc, count, eq } from 'drizzle-orm';
import type { Deps } from '../deps';
import type { Page } from '../identity/list-users';
import type { Actor } from '../identity/users';
import { loadOrganizationFor } from '../organizations/organizations';
import { type PublicSeatLayout, toPublicSeatLayout } from './operator-rows';

export async function listSeatLayouts(
  deps: Pick<Deps, 'db'>,
  actor: Actor,
  input: { organizationId: string; page: number; limit: number },
): Promise<Page<PublicSeatLayout>> {
  await loadOrganizationFor(deps.db, actor, input.organizationId);
  const where = eq(schema.seatLayouts.organizationId, input.organizationId);
  const [rows, [total]] = await Promise.all([
    deps.db
      .select()
      .from(schema.seatLayouts)
      .where(where)
      .orderBy(asc(schema.seatLayouts.createdAt), asc(schema.seatLayouts.id))
      .limit(input.limit)
      .offset((input.page - 1) * input.limit),
    deps.db.select({ n: count() }).from(schema.seatLayouts).where(where),
  ]);
  return { items: rows.map(toPublicSeatLayout), meta: { page: input.page, limit: input.limit, total: total?.n ?? 0 } };
}
