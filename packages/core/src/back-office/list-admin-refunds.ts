import { schema } from '@fareway/db';
import { and, count, desc, eq, gte, lt, type SQL } from 'drizzle-orm';
import type { Deps } from '../deps';
import type { Page } from '../identity/list-users';
import { type AdminRefund, toAdminRefund } from './get-admin-booking';
import { loadLabels, type PersonLabel } from './labels';

export interface AdminRefundRow extends AdminRefund {
  customer: PersonLabel | null;
}

/** Admin: refunds, newest first, by status, reason and creation time (refunds_created_idx, refunds_status_created_idx). */
export async function listAdminRefunds(
  deps: Pick<Deps, 'db'>,
  input: { page: number; limit: number; status?: AdminRefund['status']; reason?: AdminRefund['reason']; from?: Date; to?: Date },
): Promise<Page<AdminRefundRow>> {
  const r = schema.refunds;
  const filters: SQL[] = [];
  if (input.status) filters.push(eq(r.status, input.status));
  if (input.reason) filters.push(eq(r.reason, input.reason));
  if (input.from) filters.push(gte(r.createdAt, input.from));
  if (input.to) filters.push(lt(r.createdAt, input.to));
  const where = filters.length > 0 ? and(...filters) : undefined;
  const [rows, [total]] = await Promise.all([
    deps.db
      .select()
      .from(r)
      .where(where)
      .orderBy(desc(r.createdAt), desc(r.id))
      .limit(input.limit)
      .offset((input.page - 1) * input.limit),
    deps.db.select({ n: count() }).from(r).where(where),
  ]);
  const labels = await loadLabels(deps.db, { users: rows.map((row) => row.customerId) });
  return {
    items: rows.map((row) => ({ ...toAdminRefund(row), customer: labels.person(row.customerId) })),
    meta: { page: input.page, limit: input.limit, total: total?.n ?? 0 },
  };
}
