import { newId, schema, type Transaction } from '@fareway/db';
import type { BookingQuote } from '@fareway/domain';
import { type SQL, sql } from 'drizzle-orm';
import { type AuditEntry, auditRow, type RequestOrigin } from '../audit/record-audit';
import type { Deps } from '../deps';
import type { BookingNoticeFacts } from '../notifications/booking-facts';
import { bookingNotice } from '../notifications/queue-booking-notice';
import { notificationRows, type Recipient } from '../notifications/queue-notification';

type QuotedFields = 'currency' | 'totalMinor' | 'commissionRateBasisPoints' | 'commissionMinor' | 'partnerMinor' | 'policy';
export type HeldBooking = typeof schema.bookings.$inferInsert & { id: string; expiresAt: Date; createdAt: Date; updatedAt: Date };

export interface HoldWrite {
  /** The booking without its money: that comes from the quote. */
  booking: Omit<HeldBooking, QuotedFields>;
  /** Money: the price, the commission split and the cancellation policy, decided once in domain and snapshotted. */
  quote: BookingQuote;
  /** The inventory rows' insert (vehicle occupancy or seat reservations); the exclusion constraints check it. */
  inventory: { getSQL(): SQL };
  audit: AuditEntry;
  origin: RequestOrigin;
  /** The customer's hold notice, from what the hold already read (null: an account with no address). */
  notice: { facts: BookingNoticeFacts; recipient: Recipient | null };
}

/**
 * Writes a hold in two statements (issue 16: a hold was about fifteen round trips):
 * the booking, its lines, its audit row and the customer's notice as data-modifying
 * CTEs of one, then its inventory rows, where the exclusion constraint has the last
 * word: a double booking fails there and the transaction rolls everything back.
 */
export async function writeHold(
  tx: Transaction,
  deps: Pick<Deps, 'clock' | 'config'>,
  hold: HoldWrite,
): Promise<{ booking: HeldBooking; lines: Array<typeof schema.bookingLines.$inferInsert & { position: number }> }> {
  const { quote } = hold;
  const booking: HeldBooking = {
    ...hold.booking,
    currency: quote.currency,
    totalMinor: quote.totalMinor,
    commissionRateBasisPoints: quote.commissionRateBasisPoints,
    commissionMinor: quote.commissionMinor,
    partnerMinor: quote.partnerMinor,
    policy: quote.policy,
  };
  const lines = quote.lines.map((line, position) => ({
    id: newId(),
    bookingId: booking.id,
    position,
    kind: line.kind,
    description: line.description,
    quantity: line.quantity,
    unitMinor: line.unitMinor,
    amountMinor: line.amountMinor,
    seatNo: line.seatNo ?? null,
  }));
  const parts: SQL[] = [
    tx.insert(schema.bookings).values(booking).getSQL(),
    tx.insert(schema.bookingLines).values(lines).getSQL(),
    tx
      .insert(schema.auditLog)
      .values(auditRow(hold.booking.createdAt, hold.origin, hold.audit))
      .getSQL(),
  ];
  const notices = hold.notice.recipient
    ? notificationRows(deps, bookingNotice('booking.held', hold.notice.facts), hold.notice.recipient)
    : [];
  // Keyed once per booking and template: a retried transaction cannot queue it twice.
  if (notices.length > 0)
    parts.push(tx.insert(schema.notifications).values(notices).onConflictDoNothing({ target: schema.notifications.dedupeKey }).getSQL());
  const last = parts.pop() as SQL;
  const ctes = parts.map((part, i) => sql`${sql.raw(`w${i}`)} as (${part})`);
  await tx.execute(sql`with ${sql.join(ctes, sql`, `)} ${last}`);
  // Its own statement: the inventory rows' trigger checks the booking they copy, which the CTEs above could not
  // show it (one statement, one snapshot).
  await tx.execute(hold.inventory.getSQL());
  return { booking, lines };
}
