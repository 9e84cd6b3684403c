import { type BuiltStatement, type DatabaseOrTransaction, reusableStatement, schema } from '@fareway/db';
import { eq, sql } from 'drizzle-orm';
import type { BookingRow } from './public-booking';

export type InventoryResource = { kind: 'vehicle'; id: string } | { kind: 'trip'; id: string };

/**
 * Queues writers of one vehicle or trip behind each other for the rest of the
 * transaction (DESIGN.md §3: contention is queued, not deadlocked). The
 * exclusion constraints still have the last word.
 */
export async function lockInventory(tx: DatabaseOrTransaction, resource: InventoryResource): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${inventoryKey(resource)}, 0))`);
}

const inventoryKey = (resource: InventoryResource) => `${resource.kind}:${resource.id}`;

const holdLocksStatement = reusableStatement(
  () =>
    sql`select pg_advisory_xact_lock(hashtextextended(${sql.placeholder('holder')}, 0)), pg_advisory_xact_lock(hashtextextended(${sql.placeholder('resource')}, 0))`,
);

/**
 * A hold takes its customer's lock first, then the inventory's, always in that
 * order, so the live-holds cap is exact under concurrency and no two holds
 * can wait on each other in a circle. The statement is sent with the hold's
 * first read in one round trip (db's pipeline): that read is its own statement,
 * run once both locks are held. A select list is evaluated left to right, so
 * the order above holds.
 */
export function holdLocks(tx: DatabaseOrTransaction, customerId: string, resource: InventoryResource): BuiltStatement {
  return holdLocksStatement(tx, { holder: `holder:${customerId}`, resource: inventoryKey(resource) });
}

export function resourceOf(booking: { vehicleId: string | null; tripId: string | null }): InventoryResource {
  if (booking.vehicleId) return { kind: 'vehicle', id: booking.vehicleId };
  if (booking.tripId) return { kind: 'trip', id: booking.tripId };
  throw new Error('booking has neither vehicle nor trip');
}

/**
 * The booking row, locked in the order every writer of bookings uses: its
 * vehicle's or trip's advisory lock first, then the row (FOR UPDATE), so
 * payments, confirmations and holds queue instead of deadlocking.
 * Undefined when there is no such booking.
 */
export async function lockBooking(tx: DatabaseOrTransaction, bookingId: string): Promise<BookingRow | undefined> {
  const [where] = await tx
    .select({ vehicleId: schema.bookings.vehicleId, tripId: schema.bookings.tripId })
    .from(schema.bookings)
    .where(eq(schema.bookings.id, bookingId));
  if (!where) return undefined;
  await lockInventory(tx, resourceOf(where));
  const [booking] = await tx.select().from(schema.bookings).where(eq(schema.bookings.id, bookingId)).for('update');
  return booking;
}
