import { schema, type Transaction } from '@fareway/db';
import { capturePostings, decidePaymentTransition, type GatewayProvider, type PartnerRef } from '@fareway/domain';
import type { GatewayPayment } from '@fareway/gateways';
import { and, eq, type SQL, sql } from 'drizzle-orm';
import { auditRow, type RequestOrigin } from '../audit/record-audit';
import type { BookingRow } from '../bookings/public-booking';
import type { Deps } from '../deps';
import { type JournalInput, journalParts } from '../ledger/post-journal';
import { loadBookingFacts } from '../notifications/booking-facts';
import { bookingNotice } from '../notifications/queue-booking-notice';
import { notificationRows, recipientFromUser } from '../notifications/queue-notification';
import { emitBookingEvents, emitPaymentEvent } from '../webhooks/emit-partner-event';
import type { PaymentRow } from './public-payment';

export function partnerOf(booking: Pick<BookingRow, 'partnerUserId' | 'partnerOrganizationId' | 'id'>): PartnerRef {
  if (booking.partnerUserId) return { userId: booking.partnerUserId };
  if (booking.partnerOrganizationId) return { organizationId: booking.partnerOrganizationId };
  throw new Error(`booking ${booking.id} has no partner to pay`);
}

/** A booking's capture journal: the gateway's net and fee in, the commission and the partner's share owed. */
export function captureJournal(intent: PaymentRow, booking: BookingRow, at: Date): JournalInput {
  return {
    kind: 'capture',
    reference: intent.id,
    currency: intent.currency,
    at,
    lines: capturePostings({
      provider: intent.provider as GatewayProvider,
      amountMinor: intent.amountMinor,
      feeMinor: intent.feeMinor,
      commissionMinor: Math.min(booking.commissionMinor, intent.amountMinor),
      partner: partnerOf(booking),
    }),
  };
}

/**
 * The common capture — money for a live hold — in four statements inside the
 * caller's transaction (issue 11: it was about twenty-eight, the drain could
 * not keep up with the webhooks): the booking's inventory lock; one read of the
 * booking and the intent under their row locks, beside the notice's facts; then
 * the intent captured, the booking confirmed (its status trigger carries it to
 * the inventory row), both audit rows, the customer's notice, the capture
 * journal and the event marked processed as data-modifying CTEs of one.
 *
 * Null when the news is anything else (a failure, a top-up, a booking that is no
 * longer a live hold, news the intent already has): nothing was written and the
 * caller decides by the general path, under the same locks (they are re-entrant).
 * A live hold moves pending → confirmed without changing what it blocks, so
 * nothing here can be refused by the exclusion constraints; the journal's
 * balance is still checked at commit.
 */
export async function writeCapture(
  tx: Transaction,
  deps: Pick<Deps, 'clock' | 'config'>,
  input: { intentId: string; news: GatewayPayment; eventRowId?: string; origin: RequestOrigin },
): Promise<'captured' | null> {
  if (input.news.status !== 'succeeded') return null;
  const p = schema.payments;
  const b = schema.bookings;
  const u = schema.users;
  // The inventory lock first (the order of every booking writer, see lockBooking), found through the intent.
  const [locked] = await tx.execute<{ booking_id: string }>(sql`
    select ${p.bookingId} as booking_id,
      pg_advisory_xact_lock(hashtextextended(case when ${b.vehicleId} is not null then 'vehicle:' || ${b.vehicleId}::text
                                                  else 'trip:' || ${b.tripId}::text end, 0))
    from ${p} join ${b} on ${b.id} = ${p.bookingId}
    where ${p.id} = ${input.intentId} and ${p.purpose} = 'booking'`);
  if (!locked) return null;
  const [[row], facts] = await Promise.all([
    tx
      .select({
        booking: b,
        intent: p,
        user: { id: u.id, phone: u.phone, email: u.email, locale: u.locale },
        // Partners who hear of this capture (rare): their deliveries are written by the general helpers below.
        listened: sql<boolean>`exists (select 1 from ${schema.webhookEndpoints} e where e.status = 'active'
          and e.events && array['payment.succeeded', 'booking.confirmed']
          and (e.organization_id is null or e.organization_id = ${b.partnerOrganizationId}))`,
      })
      .from(p)
      .innerJoin(b, eq(b.id, p.bookingId))
      .leftJoin(u, eq(u.id, b.customerId))
      .where(and(eq(p.id, input.intentId), eq(b.id, locked.booking_id)))
      .for('update', { of: [b, p] }),
    loadBookingFacts(tx, [locked.booking_id]),
  ]);
  if (row?.booking.status !== 'pending') return null;
  const { booking, intent } = row;
  const decision = decidePaymentTransition(intent.status, 'gateway_succeeded');
  if (!decision.apply || !decision.capture) return null;
  if (!Number.isSafeInteger(intent.amountMinor) || intent.amountMinor < 0) throw new RangeError('paidMinor must be a non-negative integer');

  const now = deps.clock.now();
  const providerPaymentId = input.news.providerPaymentId ?? intent.providerPaymentId;
  // What the two rows become: written below, and what partners hear.
  const capture = {
    status: 'completed',
    capturedMinor: intent.amountMinor,
    providerPaymentId,
    completedAt: now,
    updatedAt: now,
    failureReason: null,
  } satisfies Partial<PaymentRow>;
  const confirm = { status: 'confirmed', paidMinor: intent.amountMinor, confirmedAt: now, updatedAt: now } satisfies Partial<BookingRow>;
  const fact = facts.get(booking.id);
  const notices =
    fact && row.user
      ? notificationRows(deps, bookingNotice('booking.confirmed', { ...fact, paidMinor: intent.amountMinor }), recipientFromUser(row.user))
      : [];
  const journal = journalParts(tx, captureJournal(intent, booking, now));
  // The worker acts for nobody: no actor on its audit rows.
  const system = (action: string, subjectType: string, subjectId: string, before: unknown, after: unknown) =>
    auditRow(now, input.origin, { actorUserId: null, action, subjectType, subjectId, before, after });
  const parts: SQL[] = [
    tx.update(p).set(capture).where(eq(p.id, intent.id)).getSQL(),
    tx.update(b).set(confirm).where(eq(b.id, booking.id)).getSQL(),
    tx
      .insert(schema.auditLog)
      .values([
        system(
          'payment.captured',
          'payment',
          intent.id,
          { status: intent.status },
          {
            status: 'completed',
            amountMinor: intent.amountMinor,
            currency: intent.currency,
          },
        ),
        system('booking.confirm', 'booking', booking.id, { status: booking.status }, { status: 'confirmed' }),
      ])
      .getSQL(),
  ];
  // Keyed once per booking and template: a retried transaction cannot queue it twice.
  if (notices.length > 0)
    parts.push(tx.insert(schema.notifications).values(notices).onConflictDoNothing({ target: schema.notifications.dedupeKey }).getSQL());
  // Marked in the same statement: an event is processed exactly when its effect is committed.
  if (input.eventRowId)
    parts.push(
      tx
        .update(schema.paymentEvents)
        .set({ processedAt: now, outcome: 'captured' })
        .where(eq(schema.paymentEvents.id, input.eventRowId))
        .getSQL(),
    );
  const ctes = [...parts.map((part, i) => sql`${sql.raw(`w${i}`)} as (${part})`), ...journal.parts];
  await tx.execute(sql`with ${sql.join(ctes, sql`, `)} select 1`);
  if (row.listened) {
    await emitPaymentEvent(tx, 'payment.succeeded', { ...intent, ...capture }, now);
    await emitBookingEvents(tx, 'booking.confirmed', [{ ...booking, ...confirm }], now);
  }
  return 'captured';
}
