import { schema } from '@fareway/db';
import type { SettlementStatus } from '@fareway/db/schema';
import { and, count, desc, eq, type SQL } from 'drizzle-orm';
import type { Deps } from '../deps';
import type { Page } from '../identity/list-users';
import type { Actor } from '../identity/users';
import { ownedBy, type PublicSettlement, toPublicSettlements } from './public-settlement';

/**
 * `GET /settlements` (a partner: their own, newest period first) and
 * `GET /admin/settlements` (`actor` null: every partner's), filtered by period, status and partner
 * (settlements_period_idx, settlements_partner_user_idx, settlements_partner_organization_idx).
 */
export async function listSettlements(
  deps: Pick<Deps, 'db'>,
  actor: Actor | null,
  input: {
    page: number;
    limit: number;
    period?: string;
    status?: SettlementStatus;
    /** One partner's statements (admin): a vehicle owner's, or an operator's. */
    partnerUserId?: string;
    organizationId?: string;
  },
): Promise<Page<PublicSettlement>> {
  const s = schema.settlements;
  const filters: SQL[] = [];
  if (actor) filters.push(ownedBy(actor));
  if (input.period) filters.push(eq(s.period, input.period));
  if (input.status) filters.push(eq(s.status, input.status));
  if (input.partnerUserId) filters.push(eq(s.partnerUserId, input.partnerUserId));
  if (input.organizationId) filters.push(eq(s.partnerOrganizationId, input.organizationId));
  const where = filters.length > 0 ? and(...filters) : undefined;
  const [rows, [total]] = await Promise.all([
    deps.db
      .select()
      .from(s)
      .where(where)
      .orderBy(desc(s.period), desc(s.netMinor), desc(s.id))
      .limit(input.limit)
      .offset((input.page - 1) * input.limit),
    deps.db.select({ n: count() }).from(s).where(where),
  ]);
  return { items: await toPublicSettlements(deps.db, rows), meta: { page: input.page, limit: input.limit, total: total?.n ?? 0 } };
}
