import type { Transaction } from '@fareway/db';
import type { NotificationTemplate } from '@fareway/domain';
import type { Deps } from '../deps';
import { type BookingNoticeFacts, loadBookingFacts } from './booking-facts';
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
