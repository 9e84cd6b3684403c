import { type DatabaseOrTransaction, newId, schema } from '@fareway/db';
import type { PARTNER_TEST_EVENT, PartnerEventType } from '@fareway/domain';
import { and, arrayOverlaps, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { BookingRow } from '../bookings/public-booking';

/** The channel the worker's dispatcher listens on, so a delivery starts as soon as its transaction commits. */
export const PARTNER_WEBHOOKS_CHANNEL = 'fareway_partner_webhooks';

export interface PartnerEvent {
  type: PartnerEventType | typeof PARTNER_TEST_EVENT;
  /** The operator the event is about (its endpoints hear it); null for rentals and platform matters. Platform endpoints hear all. */
  organizationId: string | null;
  data: Record<string, unknown>;
}

/**
 * Writes partner events and their deliveries into the outbox, inside the business
 * transaction that caused them: a delivery exists exactly when the change commits.
 * With nobody listening (the common case) it costs one indexed query and writes nothing.
 * `onlyEndpointId` (test events) targets one endpoint whatever it subscribes to.
 */
export async function emitPartnerEvents(
  tx: DatabaseOrTransaction,
  events: PartnerEvent[],
  at: Date,
  options: { onlyEndpointId?: string } = {},
): Promise<Array<{ eventId: string; endpointIds: string[] }>> {
  if (events.length === 0) return [];
  const e = schema.webhookEndpoints;
  const orgIds = [...new Set(events.map((ev) => ev.organizationId).filter((id): id is string => id !== null))];
  const listeners = await tx
    .select({ id: e.id, organizationId: e.organizationId, events: e.events })
    .from(e)
    .where(
      options.onlyEndpointId
        ? eq(e.id, options.onlyEndpointId)
        : and(
            eq(e.status, 'active'),
            arrayOverlaps(e.events, [...new Set(events.map((ev) => ev.type))]),
            orgIds.length > 0 ? or(isNull(e.organizationId), inArray(e.organizationId, orgIds)) : isNull(e.organizationId),
          ),
    );
  if (listeners.length === 0) return [];
  const written: Array<{ eventId: string; endpointIds: string[] }> = [];
  const eventRows: (typeof schema.webhookEvents.$inferInsert)[] = [];
  const deliveryRows: (typeof schema.webhookDeliveries.$inferInsert)[] = [];
  for (const event of events) {
    const endpointIds = listeners
      .filter(
        (l) =>
          options.onlyEndpointId !== undefined ||
          // An organisation hears only about its own trips and bookings; the platform hears everything.
          ((l.organizationId === null || l.organizationId === event.organizationId) && l.events.includes(event.type)),
      )
      .map((l) => l.id);
    if (endpointIds.length === 0) continue;
    const eventId = newId();
    eventRows.push({ id: eventId, type: event.type, organizationId: event.organizationId, data: event.data, createdAt: at });
    for (const endpointId of endpointIds) deliveryRows.push({ endpointId, eventId, status: 'pending', nextAttemptAt: at, createdAt: at });
    written.push({ eventId, endpointIds });
  }
  if (eventRows.length === 0) return [];
  await tx.insert(schema.webhookEvents).values(eventRows);
  // Its statement trigger (migration 0017) wakes the dispatcher at commit (nothing on rollback).
  await tx.insert(schema.webhookDeliveries).values(deliveryRows);
  return written;
}

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/** What a booking event needs of a booking: a row, or the values a hold just inserted. */
export type PartnerBookingSource = Pick<
  BookingRow,
  'id' | 'kind' | 'status' | 'startsAt' | 'endsAt' | 'totalMinor' | 'currency' | 'createdAt'
> &
  Partial<BookingRow>;

/** A booking as partners see it: what was sold, when, for how much; no customer details. */
function partnerBookingOf(row: PartnerBookingSource, seatNumbers: string[] | undefined) {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    vehicleId: row.vehicleId ?? null,
    tripId: row.tripId ?? null,
    organizationId: row.partnerOrganizationId ?? null,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    fromStop: row.fromStop ?? null,
    toStop: row.toStop ?? null,
    ...(row.kind === 'seat' ? { seatNumbers: seatNumbers ?? [] } : {}),
    totalMinor: row.totalMinor,
    currency: row.currency,
    paidMinor: row.paidMinor ?? 0,
    refundDueMinor: row.refundDueMinor ?? null,
    expiresAt: iso(row.expiresAt),
    confirmedAt: iso(row.confirmedAt),
    cancelledAt: iso(row.cancelledAt),
    cancellationReason: row.cancellationReason ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

/** booking.held / confirmed / cancelled / expired for these bookings (seat numbers read only when someone listens). */
export async function emitBookingEvents(
  tx: DatabaseOrTransaction,
  type: Extract<PartnerEventType, `booking.${string}`>,
  rows: PartnerBookingSource[],
  at: Date,
): Promise<void> {
  if (rows.length === 0) return;
  const seatRows = async () => {
    const seatBookingIds = rows.filter((r) => r.kind === 'seat').map((r) => r.id);
    if (seatBookingIds.length === 0) return new Map<string, string[]>();
    const seats = await tx
      .select({ bookingId: schema.seatReservations.bookingId, seatNo: schema.seatReservations.seatNo })
      .from(schema.seatReservations)
      .where(inArray(schema.seatReservations.bookingId, seatBookingIds));
    const byBooking = new Map<string, string[]>();
    for (const s of seats) byBooking.set(s.bookingId, [...(byBooking.get(s.bookingId) ?? []), s.seatNo].sort());
    return byBooking;
  };
  // Ask first, so the common case (nobody listening) never reads seats.
  if (
    !(await hasListeners(
      tx,
      type,
      rows.map((r) => r.partnerOrganizationId ?? null),
    ))
  )
    return;
  const seats = await seatRows();
  await emitPartnerEvents(
    tx,
    rows.map((row) => ({
      type,
      organizationId: row.partnerOrganizationId ?? null,
      data: { booking: partnerBookingOf(row, seats.get(row.id)) },
    })),
    at,
  );
}

/**
 * The same for bookings known by id only (the set-based expiry sweep): with nobody
 * listening to this type anywhere it costs one indexed query and reads no booking.
 */
export async function emitBookingEventsByIds(
  tx: DatabaseOrTransaction,
  type: Extract<PartnerEventType, `booking.${string}`>,
  ids: string[],
  at: Date,
): Promise<void> {
  if (ids.length === 0) return;
  const e = schema.webhookEndpoints;
  const [anyone] = await tx
    .select({ id: e.id })
    .from(e)
    .where(and(eq(e.status, 'active'), sql`${type} = any(${e.events})`))
    .limit(1);
  if (!anyone) return;
  for (let i = 0; i < ids.length; i += 1_000) {
    const rows = await tx
      .select()
      .from(schema.bookings)
      .where(inArray(schema.bookings.id, ids.slice(i, i + 1_000)));
    await emitBookingEvents(tx, type, rows, at);
  }
}

async function hasListeners(tx: DatabaseOrTransaction, type: string, organizationIds: Array<string | null>): Promise<boolean> {
  const e = schema.webhookEndpoints;
  const orgIds = [...new Set(organizationIds.filter((id): id is string => id !== null))];
  const [row] = await tx
    .select({ id: e.id })
    .from(e)
    .where(
      and(
        eq(e.status, 'active'),
        sql`${type} = any(${e.events})`,
        orgIds.length > 0 ? or(isNull(e.organizationId), inArray(e.organizationId, orgIds)) : isNull(e.organizationId),
      ),
    )
    .limit(1);
  return row !== undefined;
}

type PaymentRow = typeof schema.payments.$inferSelect;

/** payment.succeeded / payment.failed: the organisation is the booking's operator (top-ups reach the platform only). */
export async function emitPaymentEvent(
  tx: DatabaseOrTransaction,
  type: 'payment.succeeded' | 'payment.failed',
  payment: PaymentRow,
  at: Date,
): Promise<void> {
  const organizationId = payment.bookingId ? await bookingOrganization(tx, payment.bookingId) : null;
  await emitPartnerEvents(
    tx,
    [
      {
        type,
        organizationId,
        data: {
          payment: {
            id: payment.id,
            purpose: payment.purpose,
            bookingId: payment.bookingId,
            provider: payment.provider,
            status: payment.status,
            amountMinor: payment.amountMinor,
            currency: payment.currency,
            failureReason: payment.failureReason,
            completedAt: iso(payment.completedAt),
            failedAt: iso(payment.failedAt),
          },
        },
      },
    ],
    at,
  );
}

type RefundRow = typeof schema.refunds.$inferSelect;

export async function emitRefundEvent(
  tx: DatabaseOrTransaction,
  type: 'refund.succeeded' | 'refund.failed',
  refund: RefundRow,
  at: Date,
): Promise<void> {
  const organizationId = refund.bookingId ? await bookingOrganization(tx, refund.bookingId) : null;
  await emitPartnerEvents(
    tx,
    [
      {
        type,
        organizationId,
        data: {
          refund: {
            id: refund.id,
            paymentId: refund.paymentId,
            bookingId: refund.bookingId,
            amountMinor: refund.amountMinor,
            currency: refund.currency,
            reason: refund.reason,
            destination: refund.destination,
            status: refund.status,
            completedAt: iso(refund.completedAt),
          },
        },
      },
    ],
    at,
  );
}

async function bookingOrganization(tx: DatabaseOrTransaction, bookingId: string): Promise<string | null> {
  const [row] = await tx
    .select({ organizationId: schema.bookings.partnerOrganizationId })
    .from(schema.bookings)
    .where(eq(schema.bookings.id, bookingId));
  return row?.organizationId ?? null;
}
