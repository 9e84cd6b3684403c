import { schema, type Transaction } from '@fareway/db';
import { type SQL, sql } from 'drizzle-orm';
import { type AuditEntry, auditRow, type RequestOrigin } from '../audit/record-audit';
import type { Deps } from '../deps';
import type { BookingNoticeFacts } from '../notifications/booking-facts';
import { bookingNotice } from '../notifications/queue-booking-notice';
import { notificationRows, type Recipient } from '../notifications/queue-notification';

export interface HoldWrite {
  booking: typeof schema.bookings.$inferInsert & { id: string };
  lines: Array<typeof schema.bookingLines.$inferInsert>;
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
export async function writeHold(tx: Transaction, deps: Pick<Deps, 'clock' | 'config'>, hold: HoldWrite): Promise<void> {
  const parts: SQL[] = [
    tx.insert(schema.bookings).values(hold.booking).getSQL(),
    tx.insert(schema.bookingLines).values(hold.lines).getSQL(),
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
}
