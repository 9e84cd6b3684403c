import { schema } from '@fareway/db';
import { AppError } from '@fareway/domain';
import { asc, eq } from 'drizzle-orm';
import type { Deps } from '../deps';
import { toPublicPayment } from '../payments/public-payment';
import {
  type AdminPaymentWithEvents,
  type AdminRefund,
  type AuditLine,
  auditTrailOf,
  gatewayEventsOf,
  toAdminRefund,
} from './get-admin-booking';
import { loadLabels, type PersonLabel } from './labels';

export interface AdminPayment {
  payment: AdminPaymentWithEvents;
  customer: PersonLabel | null;
  refunds: AdminRefund[];
  timeline: AuditLine[];
}

/** Admin: one payment with its gateway events, its refunds and its audit trail. */
export async function getAdminPayment(deps: Pick<Deps, 'db'>, paymentId: string): Promise<AdminPayment> {
  const [row] = await deps.db.select().from(schema.payments).where(eq(schema.payments.id, paymentId)).limit(1);
  if (!row) throw new AppError('PAYMENT_NOT_FOUND', 'No such payment');
  const refunds = await deps.db
    .select()
    .from(schema.refunds)
    .where(eq(schema.refunds.paymentId, row.id))
    .orderBy(asc(schema.refunds.createdAt));
  const [events, timeline, labels] = await Promise.all([
    gatewayEventsOf(deps.db, [row.id]),
    auditTrailOf(deps.db, [
      { type: 'payment', ids: [row.id] },
      { type: 'refund', ids: refunds.map((r) => r.id) },
    ]),
    loadLabels(deps.db, { users: [row.customerId] }),
  ]);
  return {
    payment: { ...toPublicPayment(row), events: events.get(row.id) ?? [] },
    customer: labels.person(row.customerId),
    refunds: refunds.map(toAdminRefund),
    timeline,
  };
}
