import type { DatabaseOrTransaction } from '@fareway/db';
import { sql } from 'drizzle-orm';

export type InventoryResource = { kind: 'vehicle'; id: string } | { kind: 'trip'; id: string };

/**
 * Queues writers of one vehicle or trip behind each other for the rest of the
 * transaction (DESIGN.md §3: contention is queued, not deadlocked). The
 * exclusion constraints still have the last word.
 */
export async function lockInventory(tx: DatabaseOrTransaction, resource: InventoryResource): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`${resource.kind}:${resource.id}`}, 0))`);
}

/**
 * A hold takes its customer's lock first, then the inventory's, always in that
 * order, so the live-holds cap is exact under concurrency and no two holds
 * can wait on each other in a circle.
 */
export async function lockForHold(tx: DatabaseOrTransaction, customerId: string, resource: InventoryResource): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`holder:${customerId}`}, 0))`);
  await lockInventory(tx, resource);
}

export function resourceOf(booking: { vehicleId: string | null; tripId: string | null }): InventoryResource {
  if (booking.vehicleId) return { kind: 'vehicle', id: booking.vehicleId };
  if (booking.tripId) return { kind: 'trip', id: booking.tripId };
  throw new Error('booking has neither vehicle nor trip');
}
