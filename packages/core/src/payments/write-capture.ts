import { schema, type Transaction } from '@fareway/db';
import { capturePostings, decidePaymentTransition, type GatewayProvider, type PartnerRef } from '@fareway/domain';
import type { GatewayPayment } from '@fareway/gateways';
import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { auditRow, type RequestOrigin } from '../audit/record-audit';
import type { BookingRow } from '../bookings/public-booking';
import type { Deps } from '../deps';
import { type JournalInput, journalsParts } from '../ledger/post-journal';
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

export interface CaptureInput {
  intentId: string;
  news: GatewayPayment;
  eventRowId?: string;
  origin: RequestOrigin;
}

/**
 * The common capture — money for a live hold — in four statements inside the
 * caller's transaction (issue 11: it was about twenty-eight, the drain could
 * not keep up with the webhooks); see writeCaptures, of which this is a batch of one.
 *
 * Null when the news is anything else (a failure, a top-up, a booking that is no
 * longer a live hold, news the intent already has): nothing was written and the
 * caller decides by the general path, under the same locks (they are re-entrant).
 */
export async function writeCapture(tx: Transaction, deps: Pick<Deps, 'clock' | 'config'>, input: CaptureInput): Promise<'captured' | null> {
  return (await writeCaptures(tx, deps, [input])).has(input) ? 'captured' : null;
}

/**
 * Many common captures in the same four statements (issue 11: the worker applies a
 * fetched batch of payment events together): the inventory locks of every booking,
 * taken in one order by everyone who takes several (so two batches cannot deadlock);
 * one read of the bookings and intents under their row locks, beside the notices'
 * facts; then every intent captured, every booking confirmed (its status trigger
 * carries it to the inventory row), the audit rows, the customers' notices, the
 * capture journals and the events marked processed as data-modifying CTEs of one
 * statement. A live hold moves pending → confirmed without changing what it blocks,
 * so nothing here can be refused by the exclusion constraints; the journals'
 * balance is still checked at commit.
 *
 * Returns the inputs captured. The rest wrote nothing and take the general path after:
 * news that is no capture, a top-up, a booking that is no longer a live hold, news the
 * intent already has — and a second input for an intent or a booking already in this
 * batch (the batch reads one snapshot, so only the first of them may be decided here).
 */
export async function writeCaptures(
  tx: Transaction,
  deps: Pick<Deps, 'clock' | 'config'>,
  inputs: readonly CaptureInput[],
): Promise<Set<CaptureInput>> {
  const byIntent = new Map<string, CaptureInput>();
  for (const input of inputs) if (input.news.status === 'succeeded' && !byIntent.has(input.intentId)) byIntent.set(input.intentId, input);
  if (byIntent.size === 0) return new Set();
  const p = schema.payments;
  const b = schema.bookings;
  const u = schema.users;
  // The inventory locks first (the order of every booking writer, see lockBooking), found through the intents;
  // sorted by key (OFFSET 0 keeps the sort inside), so batches sharing a vehicle or trip queue instead of deadlocking.
  const locked = await tx.execute<{ intent_id: string; booking_id: string }>(sql`
    select k.intent_id, k.booking_id, pg_advisory_xact_lock(hashtextextended(k.lock_key, 0))
    from (select ${p.id} as intent_id, ${p.bookingId} as booking_id,
            case when ${b.vehicleId} is not null then 'vehicle:' || ${b.vehicleId}::text else 'trip:' || ${b.tripId}::text end as lock_key
          from ${p} join ${b} on ${b.id} = ${p.bookingId}
          where ${inArray(p.id, [...byIntent.keys()])} and ${p.purpose} = 'booking'
          order by lock_key, intent_id offset 0) k`);
  const bookingIds = new Set<string>();
  const intentIds: string[] = [];
  for (const row of locked) {
    if (bookingIds.has(row.booking_id)) continue;
    bookingIds.add(row.booking_id);
    intentIds.push(row.intent_id);
  }
  if (intentIds.length === 0) return new Set();
  const [rows, facts] = await Promise.all([
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
      .where(and(inArray(p.id, intentIds), inArray(b.id, [...bookingIds])))
      .for('update', { of: [b, p] }),
    loadBookingFacts(tx, [...bookingIds]),
  ]);

  const now = deps.clock.now();
  const captures = rows.flatMap((row) => {
    const input = byIntent.get(row.intent.id);
    if (!input || row.booking.status !== 'pending') return [];
    const decision = decidePaymentTransition(row.intent.status, 'gateway_succeeded');
    if (!decision.apply || !decision.capture) return [];
    const { booking, intent } = row;
    if (!Number.isSafeInteger(intent.amountMinor) || intent.amountMinor < 0)
      throw new RangeError('paidMinor must be a non-negative integer');
    // What the two rows become: written below, and what partners hear.
    const capture = {
      status: 'completed',
      capturedMinor: intent.amountMinor,
      providerPaymentId: input.news.providerPaymentId ?? intent.providerPaymentId,
      completedAt: now,
      updatedAt: now,
      failureReason: null,
    } satisfies Partial<PaymentRow>;
    const confirm = { status: 'confirmed', paidMinor: intent.amountMinor, confirmedAt: now, updatedAt: now } satisfies Partial<BookingRow>;
    const fact = facts.get(booking.id);
    const notices =
      fact && row.user
        ? notificationRows(
            deps,
            bookingNotice('booking.confirmed', { ...fact, paidMinor: intent.amountMinor }),
            recipientFromUser(row.user),
          )
        : [];
    // The worker acts for nobody: no actor on its audit rows.
    const system = (action: string, subjectType: string, subjectId: string, before: unknown, after: unknown) =>
      auditRow(now, input.origin, { actorUserId: null, action, subjectType, subjectId, before, after });
    const audits = [
      system(
        'payment.captured',
        'payment',
        intent.id,
        { status: intent.status },
        { status: 'completed', amountMinor: intent.amountMinor, currency: intent.currency },
      ),
      system('booking.confirm', 'booking', booking.id, { status: booking.status }, { status: 'confirmed' }),
    ];
    return [{ row, input, capture, confirm, notices, audits, journal: captureJournal(intent, booking, now) }];
  });
  if (captures.length === 0) return new Set();

  const at = sql`${now.toISOString()}::timestamptz`;
  const paid = JSON.stringify(
    captures.map((c) => ({ id: c.row.intent.id, minor: c.capture.capturedMinor, ref: c.capture.providerPaymentId })),
  );
  const confirmed = JSON.stringify(captures.map((c) => ({ id: c.row.booking.id, minor: c.confirm.paidMinor })));
  const notices = captures.flatMap((c) => c.notices);
  const events = captures.flatMap((c) => (c.input.eventRowId ? [c.input.eventRowId] : []));
  // One statement per table, however many captures (row-level and statement triggers fire once per table).
  const parts: SQL[] = [
    sql`update ${p} set status = 'completed', captured_minor = v.minor, provider_payment_id = v.ref, completed_at = ${at},
          updated_at = ${at}, failure_reason = null
        from jsonb_to_recordset(${paid}::jsonb) as v(id uuid, minor bigint, ref text) where ${p.id} = v.id`,
    sql`update ${b} set status = 'confirmed', paid_minor = v.minor, confirmed_at = ${at}, updated_at = ${at}
        from jsonb_to_recordset(${confirmed}::jsonb) as v(id uuid, minor bigint) where ${b.id} = v.id`,
    tx
      .insert(schema.auditLog)
      .values(captures.flatMap((c) => c.audits))
      .getSQL(),
  ];
  // Keyed once per booking and template: a retried transaction cannot queue it twice.
  if (notices.length > 0)
    parts.push(tx.insert(schema.notifications).values(notices).onConflictDoNothing({ target: schema.notifications.dedupeKey }).getSQL());
  // Marked in the same statement: an event is processed exactly when its effect is committed.
  if (events.length > 0)
    parts.push(
      tx
        .update(schema.paymentEvents)
        .set({ processedAt: now, outcome: 'captured' })
        .where(inArray(schema.paymentEvents.id, events))
        .getSQL(),
    );
  const journals = journalsParts(
    tx,
    captures.map((c) => c.journal),
  );
  const ctes = [...parts.map((part, i) => sql`${sql.raw(`w${i}`)} as (${part})`), ...journals.parts];
  await tx.execute(sql`with ${sql.join(ctes, sql`, `)} select 1`);
  const listened = captures.filter((c) => c.row.listened);
  for (const c of listened) await emitPaymentEvent(tx, 'payment.succeeded', { ...c.row.intent, ...c.capture }, now);
  if (listened.length > 0)
    await emitBookingEvents(
      tx,
      'booking.confirmed',
      listened.map((c) => ({ ...c.row.booking, ...c.confirm })),
      now,
    );
  return new Set(captures.map((c) => c.input));
}
