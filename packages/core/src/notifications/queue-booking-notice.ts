import { arrayLiteral, NEW_ID_SQL, type Transaction } from '@fareway/db';
import { NOTIFICATION_LOCALES, type NotificationTemplate, templateChannels } from '@fareway/domain';
import { type SQL, sql } from 'drizzle-orm';
import type { Deps } from '../deps';
import { BOOKING_FACTS_JOINS, BOOKING_TIME_ZONE, BOOKING_TITLE, type BookingNoticeFacts, loadBookingFacts } from './booking-facts';
import { type QueueNotificationInput, queueNotifications } from './queue-notification';

export type BookingTemplate = 'booking.held' | 'booking.confirmed' | 'booking.cancelled' | 'booking.hold_expired' | 'trip.cancelled';

/**
 * Tells a booking's customer about it, in the caller's transaction, once per
 * booking and template (the key). The amount is the one the notice is about:
 * the total for a hold, what was paid for a confirmation, the refund due for a
 * cancellation, the full payment back when the operator cancels the trip.
 */
export async function queueBookingNotice(
  tx: Transaction,
  deps: Pick<Deps, 'clock' | 'config'>,
  input: { bookingId: string; template: BookingTemplate; reason?: string | null },
): Promise<string[]> {
  return queueBookingNotices(tx, deps, { bookingIds: [input.bookingId], template: input.template, reason: input.reason });
}

/** The same notice for many bookings (a sweep's batch), set-based: one read of the facts, one INSERT for the lot. */
export async function queueBookingNotices(
  tx: Transaction,
  deps: Pick<Deps, 'clock' | 'config'>,
  input: { bookingIds: readonly string[]; template: BookingTemplate; reason?: string | null },
): Promise<string[]> {
  const facts = await loadBookingFacts(tx, [...input.bookingIds]);
  const notices = input.bookingIds.flatMap((bookingId): QueueNotificationInput[] => {
    const f = facts.get(bookingId);
    return f ? [bookingNotice(input.template, f, input.reason ?? null)] : [];
  });
  return queueNotifications(tx, deps, notices);
}

/**
 * The same notice for a sweep's batch, as one INSERT ... SELECT over `expired` — rows of bookings (a CTE of the
 * UPDATE that expired them, so nothing is read twice) with at least id, kind, customer_id, vehicle_id, trip_id,
 * from_stop, to_stop, starts_at, currency and total_minor. Each outbox row holds its template and data — what
 * bookingNotice gives it, read in SQL — and no body; messageText renders it in the row's language when the outbox
 * is read or the message delivered. Nothing of the batch travels to this process and back (no facts read, no
 * bodies rendered, no JSON of them sent, no ids made here), which was most of what expire-holds spent per hold.
 * Once per booking and channel, with queueBookingNotice's key. For templates whose data is the facts and the total.
 */
export function bookingNoticesAsDataSql(expired: SQL, template: 'booking.hold_expired', now: Date): SQL {
  const at = now.toISOString();
  return sql`
    insert into notifications (id, channel, recipient, user_id, kind, locale, data, dedupe_key, created_at, next_attempt_at)
    select ${NEW_ID_SQL}, c.channel, a.address, u.id, ${template},
           case when u.locale = any(${arrayLiteral(NOTIFICATION_LOCALES)}::text[]) then u.locale else 'en' end,
           jsonb_build_object('bookingId', b.id, 'kind', b.kind, 'title', ${BOOKING_TITLE}, 'startsAt', b.starts_at,
             'timeZone', ${BOOKING_TIME_ZONE}, 'currency', b.currency, 'amountMinor', b.total_minor),
           ${template} || ':' || b.id || ':' || c.channel, ${at}::timestamptz, ${at}::timestamptz
      from ${expired} b
      join users u on u.id = b.customer_id
      ${BOOKING_FACTS_JOINS}
      cross join unnest(${arrayLiteral(templateChannels(template))}::text[]) as c(channel)
      cross join lateral (select case c.channel when 'sms' then u.phone else u.email end as address) a
     where a.address is not null
    on conflict (dedupe_key) do nothing`;
}

/** The notice about one booking, from its facts: keyed once per booking and template. */
export function bookingNotice(template: BookingTemplate, facts: BookingNoticeFacts, reason: string | null = null): QueueNotificationInput {
  const key = `${template}:${facts.bookingId}`;
  const base = { ...pick(facts), amountMinor: amountFor(template, facts) };
  const userId = facts.customerId;
  switch (template) {
    case 'booking.held':
      return { userId, key, template, data: { ...base, expiresAt: facts.expiresAt ?? facts.startsAt } };
    case 'trip.cancelled':
      return { userId, key, template, data: { ...base, reason } };
    default:
      return { userId, key, template: template satisfies NotificationTemplate, data: base };
  }
}

function amountFor(template: BookingTemplate, facts: BookingNoticeFacts): number {
  if (template === 'booking.confirmed' || template === 'trip.cancelled') return facts.paidMinor;
  if (template === 'booking.cancelled') return facts.refundDueMinor ?? 0;
  return facts.totalMinor;
}

function pick(f: BookingNoticeFacts) {
  return { bookingId: f.bookingId, kind: f.kind, title: f.title, startsAt: f.startsAt, timeZone: f.timeZone, currency: f.currency };
}
