import {
  type BuiltStatement,
  buildStatement,
  fillStatement,
  newId,
  onForgetBuiltStatements,
  pipeline,
  type Send,
  schema,
  type Transaction,
} from '@fareway/db';
import type { BookingQuote } from '@fareway/domain';
import { type SQL, sql } from 'drizzle-orm';
import { type AuditEntry, auditRow, type RequestOrigin } from '../audit/record-audit';
import type { Deps } from '../deps';
import type { BookingNoticeFacts } from '../notifications/booking-facts';
import { bookingNotice } from '../notifications/queue-booking-notice';
import { NOTIFICATIONS_CHANNEL, notificationRows, type Recipient } from '../notifications/queue-notification';
import { WAKE_AFTER_COMMIT, wakeOutboxes } from '../notifications/wake-outbox';
import { PARTNER_WEBHOOKS_CHANNEL } from '../webhooks/emit-partner-event';

type QuotedFields = 'currency' | 'totalMinor' | 'commissionRateBasisPoints' | 'commissionMinor' | 'partnerMinor' | 'policy';
export type HeldBooking = typeof schema.bookings.$inferInsert & { id: string; expiresAt: Date; createdAt: Date; updatedAt: Date };

type Inventory =
  | { table: typeof schema.vehicleOccupancies; rows: Array<typeof schema.vehicleOccupancies.$inferInsert> }
  | { table: typeof schema.seatReservations; rows: Array<typeof schema.seatReservations.$inferInsert> };

export interface HoldWrite {
  /** The booking without its money: that comes from the quote. */
  booking: Omit<HeldBooking, QuotedFields>;
  /** Money: the price, the commission split and the cancellation policy, decided once in domain and snapshotted. */
  quote: BookingQuote;
  /** The inventory rows (vehicle occupancy or seat reservations); the exclusion constraints check them. */
  inventory: Inventory;
  audit: AuditEntry;
  origin: RequestOrigin;
  /** The customer's hold notice, from what the hold already read (null: an account with no address). */
  notice: { facts: BookingNoticeFacts; recipient: Recipient | null };
}

/**
 * The two statements of a hold, built by drizzle once per shape (which columns are set or null, how many
 * lines, notices and inventory rows) with placeholders for the values: building them on every hold cost
 * more CPU than the rest of its JavaScript (issue 16). A few dozen shapes exist; the bound is a backstop.
 */
const shapes = new Map<string, [BuiltStatement, BuiltStatement]>();
const MAX_SHAPES = 500;
onForgetBuiltStatements(() => shapes.clear());

/**
 * `rows` with every set value replaced by a placeholder (its value put in `values`), and their shape
 * appended to `shape`. Nulls stay in the statement (drizzle would encode a null placeholder as its
 * column encodes a value: JSON `null`, or a crash for a timestamp), so null-ness is part of the shape.
 */
function placeheld<T extends object>(prefix: string, rows: readonly T[], values: Record<string, unknown>, shape: string[]): T[] {
  return rows.map((row, i) => {
    const out: Record<string, unknown> = {};
    const keys: string[] = [`${prefix}${i}`];
    for (const [key, value] of Object.entries(row)) {
      if (value === undefined) continue;
      if (value === null) {
        out[key] = null;
        keys.push(`${key}=null`);
        continue;
      }
      const name = `${prefix}${i}.${key}`;
      values[name] = value;
      out[key] = sql.placeholder(name);
      keys.push(key);
    }
    shape.push(keys.join(','));
    return out as T;
  });
}

/**
 * Writes a hold in two statements sent in one round trip (issue 16: a hold was about
 * fifteen round trips): the booking, its lines, its audit row and the customer's notice
 * as data-modifying CTEs of one, then its inventory rows, where the exclusion constraint
 * has the last word: a double booking fails there and the transaction rolls everything
 * back. The caller wakes the outbox workers after commit (wakeAfterHold): the notice's
 * insert NOTIFYs nothing from this transaction.
 */
export async function writeHold(
  tx: Transaction,
  deps: Pick<Deps, 'clock' | 'config'>,
  hold: HoldWrite,
  /** How the two statements go: `pipeline` on `tx` by default, or withPipelinedTransaction's commit (COMMIT sent with them). */
  send: Send = (statements) => pipeline(tx, statements),
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
  const notices = hold.notice.recipient
    ? notificationRows(deps, bookingNotice('booking.held', hold.notice.facts), hold.notice.recipient)
    : [];
  const values: Record<string, unknown> = {};
  const shape: string[] = [hold.inventory.table === schema.vehicleOccupancies ? 'occupancy' : 'seats'];
  const rows = {
    booking: placeheld('b', [booking], values, shape),
    lines: placeheld('l', lines, values, shape),
    audit: placeheld('a', [auditRow(hold.booking.createdAt, hold.origin, hold.audit)], values, shape),
    notices: placeheld('n', notices, values, shape),
    inventory: placeheld('i', hold.inventory.rows as object[], values, shape),
  };
  const key = shape.join('|');
  let built = shapes.get(key);
  if (!built) {
    const parts: SQL[] = [
      tx.insert(schema.bookings).values(rows.booking).getSQL(),
      tx.insert(schema.bookingLines).values(rows.lines).getSQL(),
      tx.insert(schema.auditLog).values(rows.audit).getSQL(),
    ];
    // A plain insert: the notice's key names the booking this statement creates, so it cannot be taken yet (a retried
    // transaction rolled its first notice back). ON CONFLICT would make it a speculative insert, one more WAL record.
    if (notices.length > 0) parts.push(tx.insert(schema.notifications).values(rows.notices).getSQL());
    const ctes = parts.map((part, i) => sql`${sql.raw(`w${i}`)} as (${part})`);
    built = [
      // The statement itself only says this transaction wakes the outbox workers after commit (wakeAfterHold):
      // the CTEs' statement triggers fire after it, so the notice's trigger sends no NOTIFY of its own.
      buildStatement(tx, sql`with ${sql.join(ctes, sql`, `)} select ${WAKE_AFTER_COMMIT}`),
      buildStatement(
        tx,
        tx
          .insert(hold.inventory.table)
          .values(rows.inventory as never[])
          .getSQL(),
      ),
    ];
    if (shapes.size < MAX_SHAPES) shapes.set(key, built);
  }
  // The inventory rows in their own statement, sent in the same round trip: their trigger checks the booking they
  // copy, which the CTEs above could not show it (one statement, one snapshot).
  await send([fillStatement(built[0], values), fillStatement(built[1], values)]);
  return { booking, lines };
}

/** After a hold's commit: wake the notice's sender, and the partner-webhook dispatcher when the hold emitted events. */
export function wakeAfterHold(deps: Pick<Deps, 'db'>, emitted: boolean): void {
  wakeOutboxes(deps.db, emitted ? [NOTIFICATIONS_CHANNEL, PARTNER_WEBHOOKS_CHANNEL] : [NOTIFICATIONS_CHANNEL]);
}
