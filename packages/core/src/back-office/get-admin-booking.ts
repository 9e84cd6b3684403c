import { type DatabaseOrTransaction, schema } from '@fareway/db';
import { AppError, type CancellationPolicy, refundOnCancel } from '@fareway/domain';
import { and, asc, eq, inArray, or } from 'drizzle-orm';
import { type PublicBooking, toPublicBooking } from '../bookings/public-booking';
import type { Deps } from '../deps';
import { type PublicPayment, toPublicPayment } from '../payments/public-payment';
import { type InventoryLabel, loadLabels, type OrganizationLabel, type PersonLabel } from './labels';

export interface AuditLine {
  id: string;
  at: string;
  action: string;
  subjectType: string;
  subjectId: string | null;
  actor: PersonLabel | null;
  before: unknown;
  after: unknown;
}

export interface GatewayEventLine {
  id: string;
  provider: string;
  providerEventId: string;
  status: string;
  amountMinor: number;
  currency: string;
  receivedAt: string;
  processedAt: string | null;
  outcome: string | null;
}

export interface AdminRefund {
  id: string;
  paymentId: string;
  bookingId: string | null;
  amountMinor: number;
  currency: string;
  reason: 'cancellation' | 'orphan' | 'admin';
  note: string | null;
  destination: 'gateway' | 'wallet';
  status: 'pending' | 'succeeded' | 'failed';
  attempts: number;
  lastError: string | null;
  createdAt: string;
  completedAt: string | null;
}

export interface AdminPaymentWithEvents extends PublicPayment {
  events: GatewayEventLine[];
}

export interface AdminBooking {
  booking: PublicBooking;
  customer: PersonLabel | null;
  inventory: InventoryLabel | null;
  organization: OrganizationLabel | null;
  payments: AdminPaymentWithEvents[];
  refunds: AdminRefund[];
  timeline: AuditLine[];
  /** What cancelling now (by the platform) does: whether it may, and what it refunds. */
  cancelPreview: { allowed: boolean; refundMinor: number };
  /** What a manual refund may still return: captured − refunded on the payment that paid it. */
  refundableMinor: number;
}

export function toAdminRefund(row: typeof schema.refunds.$inferSelect): AdminRefund {
  return {
    id: row.id,
    paymentId: row.paymentId,
    bookingId: row.bookingId,
    amountMinor: row.amountMinor,
    currency: row.currency,
    reason: row.reason,
    note: row.note,
    destination: row.destination,
    status: row.status,
    attempts: row.attempts,
    lastError: row.lastError,
    createdAt: row.createdAt.toISOString(),
    completedAt: row.completedAt ? row.completedAt.toISOString() : null,
  };
}

/** A payment's gateway events (the webhook inbox rows naming it), oldest first. */
export async function gatewayEventsOf(db: DatabaseOrTransaction, paymentIds: string[]): Promise<Map<string, GatewayEventLine[]>> {
  const rows =
    paymentIds.length === 0
      ? []
      : await db
          .select()
          .from(schema.paymentEvents)
          .where(inArray(schema.paymentEvents.intentRef, paymentIds))
          .orderBy(asc(schema.paymentEvents.receivedAt));
  const out = new Map<string, GatewayEventLine[]>();
  for (const e of rows) {
    const list = out.get(e.intentRef) ?? [];
    list.push({
      id: e.id,
      provider: e.provider,
      providerEventId: e.providerEventId,
      status: e.status,
      amountMinor: e.amountMinor,
      currency: e.currency,
      receivedAt: e.receivedAt.toISOString(),
      processedAt: e.processedAt ? e.processedAt.toISOString() : null,
      outcome: e.outcome,
    });
    out.set(e.intentRef, list);
  }
  return out;
}

/** Audit rows about any of these subjects, oldest first, with who did them. */
export async function auditTrailOf(db: DatabaseOrTransaction, subjects: Array<{ type: string; ids: string[] }>): Promise<AuditLine[]> {
  const a = schema.auditLog;
  const clauses = subjects.filter((s) => s.ids.length > 0).map((s) => and(eq(a.subjectType, s.type), inArray(a.subjectId, s.ids)));
  if (clauses.length === 0) return [];
  const rows = await db
    .select()
    .from(a)
    .where(or(...clauses))
    .orderBy(asc(a.at), asc(a.id));
  return toAuditLines(db, rows);
}

/** Audit rows as the console shows them, their actors named (one query for all of them). */
export async function toAuditLines(db: DatabaseOrTransaction, rows: Array<typeof schema.auditLog.$inferSelect>): Promise<AuditLine[]> {
  const labels = await loadLabels(db, { users: rows.map((r) => r.actorUserId) });
  return rows.map((r) => ({
    id: r.id,
    at: r.at.toISOString(),
    action: r.action,
    subjectType: r.subjectType,
    subjectId: r.subjectId,
    actor: labels.person(r.actorUserId),
    before: r.before,
    after: r.after,
  }));
}

/** The payment whose capture refunds of a booking come out of (the cancellation's refund uses the same rule). */
export function refundablePayment<T extends { status: string; orphanedAt: Date | null; completedAt: Date | null }>(
  payments: T[],
): T | undefined {
  return payments
    .filter((p) => (p.status === 'completed' || p.status === 'partially_refunded') && p.orphanedAt === null)
    .sort((x, y) => (y.completedAt?.getTime() ?? 0) - (x.completedAt?.getTime() ?? 0))[0];
}

/** Admin: one booking with everything behind it — who, what, its payments and their gateway events, refunds, and its audit timeline. */
export async function getAdminBooking(deps: Pick<Deps, 'db' | 'clock'>, bookingId: string): Promise<AdminBooking> {
  const [row] = await deps.db.select().from(schema.bookings).where(eq(schema.bookings.id, bookingId)).limit(1);
  if (!row) throw new AppError('BOOKING_NOT_FOUND', 'No such booking');
  const [booking, payments, refunds, labels] = await Promise.all([
    toPublicBooking(deps.db, row),
    deps.db.select().from(schema.payments).where(eq(schema.payments.bookingId, row.id)).orderBy(asc(schema.payments.createdAt)),
    deps.db.select().from(schema.refunds).where(eq(schema.refunds.bookingId, row.id)).orderBy(asc(schema.refunds.createdAt)),
    loadLabels(deps.db, {
      users: [row.customerId],
      vehicles: [row.vehicleId],
      trips: [row.tripId],
      organizations: [row.partnerOrganizationId],
    }),
  ]);
  const paymentIds = payments.map((p) => p.id);
  const [events, timeline] = await Promise.all([
    gatewayEventsOf(deps.db, paymentIds),
    auditTrailOf(deps.db, [
      { type: 'booking', ids: [row.id] },
      { type: 'payment', ids: paymentIds },
      { type: 'refund', ids: refunds.map((r) => r.id) },
    ]),
  ]);
  const cancellable = row.status === 'pending' || row.status === 'confirmed';
  const paying = refundablePayment(payments);
  return {
    booking,
    customer: labels.person(row.customerId),
    inventory: labels.inventory(row.vehicleId ?? row.tripId),
    organization: labels.organization(row.partnerOrganizationId),
    payments: payments.map((p) => ({ ...toPublicPayment(p), events: events.get(p.id) ?? [] })),
    refunds: refunds.map(toAdminRefund),
    timeline,
    cancelPreview: {
      allowed: cancellable,
      // Money: the same rule cancelLockedBooking applies for a platform cancellation.
      refundMinor: cancellable
        ? refundOnCancel(row.policy as CancellationPolicy, row.paidMinor, deps.clock.now(), row.startsAt, 'platform')
        : 0,
    },
    refundableMinor: paying ? paying.capturedMinor - paying.refundedMinor : 0,
  };
}
