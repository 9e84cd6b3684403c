import { type DatabaseOrTransaction, schema } from '@fareway/db';
import { type BookingEvent, decideBookingTransition } from '@fareway/domain';
import { eq } from 'drizzle-orm';
import { type RequestOrigin, recordAudit } from '../audit/record-audit';
import { emitBookingEvents } from '../webhooks/emit-partner-event';
import type { BookingRow } from './public-booking';

/**
 * Moves a (row-locked) booking through the domain's state machine and audits
 * it. The status trigger carries the change to its inventory rows, where the
 * exclusion constraints check it.
 */
export async function applyBookingEvent(
  tx: DatabaseOrTransaction,
  booking: BookingRow,
  event: BookingEvent,
  context: { at: Date; actorUserId: string | null; origin: RequestOrigin; set?: Partial<BookingRow>; note?: unknown },
): Promise<BookingRow> {
  const to = decideBookingTransition(booking.status, event);
  const [updated] = await tx
    .update(schema.bookings)
    .set({ ...context.set, status: to, updatedAt: context.at })
    .where(eq(schema.bookings.id, booking.id))
    .returning();
  if (!updated) throw new Error(`booking ${booking.id} vanished while locked`);
  await recordAudit(tx, context.at, context.origin, {
    actorUserId: context.actorUserId,
    action: `booking.${event}`,
    subjectType: 'booking',
    subjectId: booking.id,
    before: { status: booking.status },
    after: { status: to, ...(context.note === undefined ? {} : { note: context.note }) },
  });
  // Partners hear of the outcomes they act on (their own bookings only; see emitPartnerEvents).
  if (to === 'confirmed' || to === 'cancelled' || to === 'expired') await emitBookingEvents(tx, `booking.${to}`, [updated], context.at);
  return updated;
}
