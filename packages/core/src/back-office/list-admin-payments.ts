import { schema } from '@fareway/db';
import type { PaymentStatus } from '@fareway/domain';
import { and, count, desc, eq, gte, lt, type SQL } from 'drizzle-orm';
import type { Deps } from '../deps';
import type { Page } from '../identity/list-users';
import { type PublicPayment, toPublicPayment } from '../payments/public-payment';
import { customerByPhone } from './customer-by-phone';
import { loadLabels, type PersonLabel } from './labels';

export interface AdminPaymentRow extends PublicPayment {
  customer: PersonLabel | null;
}

/**
 * Admin: payments, newest first, by status, provider, customer and creation
 * time; served by payments_created_idx, payments_status_created_idx,
 * payments_provider_created_idx and payments_customer_idx (0019).
 */
export async function listAdminPayments(
  deps: Pick<Deps, 'db' | 'config'>,
  input: {
    page: number;
    limit: number;
    status?: PaymentStatus;
    provider?: PublicPayment['provider'];
    phone?: string;
    from?: Date;
    to?: Date;
  },
): Promise<Page<AdminPaymentRow>> {
  const p = schema.payments;
  const filters: SQL[] = [];
  if (input.phone) {
    const customerId = await customerByPhone(deps, input.phone);
    if (!customerId) return { items: [], meta: { page: input.page, limit: input.limit, total: 0 } };
    filters.push(eq(p.customerId, customerId));
  }
  if (input.status) filters.push(eq(p.status, input.status));
  if (input.provider) filters.push(eq(p.provider, input.provider));
  if (input.from) filters.push(gte(p.createdAt, input.from));
  if (input.to) filters.push(lt(p.createdAt, input.to));
  const where = filters.length > 0 ? and(...filters) : undefined;
  const [rows, [total]] = await Promise.all([
    deps.db
      .select()
      .from(p)
      .where(where)
      .orderBy(desc(p.createdAt), desc(p.id))
      .limit(input.limit)
      .offset((input.page - 1) * input.limit),
    deps.db.select({ n: count() }).from(p).where(where),
  ]);
  const labels = await loadLabels(deps.db, { users: rows.map((r) => r.customerId) });
  return {
    items: rows.map((r) => ({ ...toPublicPayment(r), customer: labels.person(r.customerId) })),
    meta: { page: input.page, limit: input.limit, total: total?.n ?? 0 },
  };
}
