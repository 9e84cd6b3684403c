import { schema } from '@fareway/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  getAdminBooking,
  getAdminPayment,
  listAdminBookings,
  listAdminPayments,
  listAdminRefunds,
  listAuditLog,
  refundBooking,
  retryRefund,
} from '../src/back-office';
import { cancelBooking } from '../src/bookings/cancel-booking';
import { createTestDeps, type TestDeps } from '../src/testing';
import { insertUser } from './support/booking-fixtures';
import { codeOf } from './support/code-of';
import { insertPaidRental } from './support/money-fixtures';

let deps: TestDeps;
let admin: { userId: string; roles: ['customer', 'admin']; sessionId: string };
const ORIGIN = { ip: '10.0.0.1', requestId: 'req_back_office' };
const page = { page: 1, limit: 20 };

beforeAll(async () => {
  deps = await createTestDeps({ jobs: 'sender' });
  deps.clock.set('2026-03-01T00:00:00Z');
  admin = { userId: await insertUser(deps, ['customer', 'admin']), roles: ['customer', 'admin'], sessionId: 'test' };
});
afterAll(() => deps.cleanup());

describe('back office: bookings', () => {
  it('finds a booking by its customer’s phone as typed, and by status; an unknown phone finds nothing', async () => {
    const paid = await insertPaidRental(deps);
    const other = await insertPaidRental(deps, { dayOffset: 20 });
    const [customer] = await deps.db.select().from(schema.users).where(eq(schema.users.id, paid.customerId));
    const local = `0${customer?.phone?.slice(3)}`; // "+9477…" typed the local way, "077…"
    const byPhone = await listAdminBookings(deps, { ...page, phone: local });
    expect(byPhone.items.map((b) => b.id)).toEqual([paid.bookingId]);
    expect(byPhone.items[0]).toMatchObject({
      status: 'confirmed',
      customer: { phone: customer?.phone },
      inventory: { timeZone: 'Asia/Colombo' },
    });
    expect(byPhone.items[0]?.inventory?.label).toContain('Toyota Aqua');
    const confirmed = await listAdminBookings(deps, { ...page, status: 'confirmed' });
    expect(confirmed.items.map((b) => b.id)).toEqual(expect.arrayContaining([paid.bookingId, other.bookingId]));
    expect((await listAdminBookings(deps, { ...page, status: 'cancelled' })).items.map((b) => b.id)).not.toContain(paid.bookingId);
    expect(await listAdminBookings(deps, { ...page, phone: '+94779999999' })).toMatchObject({ items: [], meta: { total: 0 } });
    expect(await codeOf(listAdminBookings(deps, { ...page, phone: 'not a phone' }))).toBe('VALIDATION_ERROR');
    // The start range: the booking 20 days out only.
    const later = await listAdminBookings(deps, { ...page, from: new Date('2026-03-15T00:00:00Z'), sort: 'startsAt.asc' });
    expect(later.items.map((b) => b.id)).toContain(other.bookingId);
    expect(later.items.map((b) => b.id)).not.toContain(paid.bookingId);
  });

  it('shows a paid booking with its payment, gateway-free capture, refunds, timeline and the cancel preview', async () => {
    const paid = await insertPaidRental(deps);
    const before = await getAdminBooking(deps, paid.bookingId);
    expect(before.cancelPreview).toEqual({ allowed: true, refundMinor: 1_000_000 });
    expect(before.refundableMinor).toBe(1_000_000);
    expect(before.payments.map((p) => p.id)).toEqual([paid.paymentId]);
    await cancelBooking(deps, admin, { bookingId: paid.bookingId, reason: 'Owner unreachable' }, ORIGIN);
    const after = await getAdminBooking(deps, paid.bookingId);
    expect(after.booking.status).toBe('cancelled');
    expect(after.cancelPreview.allowed).toBe(false);
    // The platform cancelling refunds everything paid, as the preview said.
    expect(after.refunds).toEqual([expect.objectContaining({ amountMinor: 1_000_000, reason: 'cancellation', status: 'pending' })]);
    expect(after.timeline.map((line) => line.action)).toContain('booking.cancel');
    expect(after.timeline.find((line) => line.action === 'booking.cancel')?.actor?.id).toBe(admin.userId);
    expect(await codeOf(getAdminBooking(deps, '01900000-0000-7000-8000-000000000001'))).toBe('BOOKING_NOT_FOUND');
  });
});

describe('back office: manual refunds', () => {
  it('refunds part with a reason, audits it, and refuses more than what is left', async () => {
    const paid = await insertPaidRental(deps);
    const refund = await refundBooking(deps, admin, { bookingId: paid.bookingId, amountMinor: 250_000, reason: 'Late pickup' }, ORIGIN);
    expect(refund).toMatchObject({ amountMinor: 250_000, reason: 'admin', note: 'Late pickup', status: 'pending' });
    const view = await getAdminBooking(deps, paid.bookingId);
    expect(view.refundableMinor).toBe(750_000);
    expect(view.timeline.find((line) => line.action === 'refund.created')?.after).toMatchObject({
      reason: 'Late pickup',
      amountMinor: 250_000,
    });
    expect(await codeOf(refundBooking(deps, admin, { bookingId: paid.bookingId, amountMinor: 750_001, reason: 'Too much' }, ORIGIN))).toBe(
      'REFUND_EXCEEDS_CAPTURED',
    );
    const payment = await getAdminPayment(deps, paid.paymentId);
    expect(payment.refunds.map((r) => r.id)).toEqual([refund.id]);
    expect(payment.customer?.id).toBe(paid.customerId);
  });

  it('twenty admins refunding 100 000 each of a 1 000 000 capture at once: exactly ten succeed, never more than captured', async () => {
    const paid = await insertPaidRental(deps);
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        codeOf(refundBooking(deps, admin, { bookingId: paid.bookingId, amountMinor: 100_000, reason: `Race ${i}` }, ORIGIN)),
      ),
    );
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(10);
    expect(outcomes.filter((o) => o !== 'ok')).toEqual(Array(10).fill('REFUND_EXCEEDS_CAPTURED'));
    const [row] = await deps.database.sql<{ refunded: string; captured: string; counted: string }[]>`
      select p.refunded_minor::text as refunded, p.captured_minor::text as captured,
             (select coalesce(sum(amount_minor), 0) from refunds r where r.payment_id = p.id and r.status <> 'failed')::text as counted
      from payments p where p.id = ${paid.paymentId}`;
    expect(row).toEqual({ refunded: '1000000', captured: '1000000', counted: '1000000' });
  });

  it('retries a failed refund (pending again, job queued, audited); anything else is not retryable', async () => {
    const paid = await insertPaidRental(deps);
    const refund = await refundBooking(deps, admin, { bookingId: paid.bookingId, amountMinor: 100_000, reason: 'Goodwill' }, ORIGIN);
    expect(await codeOf(retryRefund(deps, admin, { refundId: refund.id }, ORIGIN))).toBe('REFUND_NOT_RETRYABLE');
    await deps.database.sql`update refunds set status = 'failed', last_error = 'card closed' where id = ${refund.id}`;
    const failed = await listAdminRefunds(deps, { ...page, status: 'failed' });
    expect(failed.items.map((r) => r.id)).toContain(refund.id);
    const retried = await retryRefund(deps, admin, { refundId: refund.id }, ORIGIN);
    expect(retried.status).toBe('pending');
    const [job] = await deps.database.sql<{ n: number }[]>`
      select count(*)::int as n from pgboss.job where name = 'process-refunds' and data->>'refundId' = ${refund.id}`;
    expect(job?.n).toBe(2);
    const audit = await listAuditLog(deps, { ...page, action: 'refund.retried', subjectId: refund.id });
    expect(audit.items).toHaveLength(1);
    expect(audit.items[0]?.before).toMatchObject({ status: 'failed', lastError: 'card closed' });
    expect(await codeOf(retryRefund(deps, admin, { refundId: '01900000-0000-7000-8000-000000000001' }, ORIGIN))).toBe('REFUND_NOT_FOUND');
  });
});

describe('back office: payments and the audit log', () => {
  it('lists payments by status and provider, and the audit log by actor (phone or id) and action', async () => {
    const paid = await insertPaidRental(deps, { provider: 'payhere' });
    const byProvider = await listAdminPayments(deps, { ...page, provider: 'payhere', status: 'completed' });
    expect(byProvider.items.map((p) => p.id)).toContain(paid.paymentId);
    expect((await listAdminPayments(deps, { ...page, provider: 'sandbox' })).items.map((p) => p.id)).not.toContain(paid.paymentId);
    await refundBooking(deps, admin, { bookingId: paid.bookingId, amountMinor: 1_000, reason: 'Audit me' }, ORIGIN);
    const [me] = await deps.db.select().from(schema.users).where(eq(schema.users.id, admin.userId));
    const byPhone = await listAuditLog(deps, { ...page, actor: me?.phone ?? '', action: 'refund.created' });
    expect(byPhone.items.length).toBeGreaterThan(0);
    expect(byPhone.items.every((line) => line.actor?.id === admin.userId && line.action === 'refund.created')).toBe(true);
    const byId = await listAuditLog(deps, { ...page, actor: admin.userId });
    expect(byId.meta.total).toBeGreaterThanOrEqual(byPhone.meta.total);
    expect(await listAuditLog(deps, { ...page, actor: 'nobody@example.com' })).toMatchObject({ items: [], meta: { total: 0 } });
  });
});
