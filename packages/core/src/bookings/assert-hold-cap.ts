import { type DatabaseOrTransaction, schema } from '@fareway/db';
import { AppError } from '@fareway/domain';
import { and, count, eq, gt } from 'drizzle-orm';

/**
 * Nobody may hold a whole bus or every car: a user has at most `max` unpaid,
 * unexpired holds, rentals and seats together. Call under the holder's lock
 * (lockForHold) so two concurrent holds cannot both pass.
 */
export async function assertHoldCap(tx: DatabaseOrTransaction, customerId: string, now: Date, max: number): Promise<void> {
  const [row] = await tx
    .select({ n: count() })
    .from(schema.bookings)
    .where(and(eq(schema.bookings.customerId, customerId), eq(schema.bookings.status, 'pending'), gt(schema.bookings.expiresAt, now)));
  if ((row?.n ?? 0) >= max) {
    throw new AppError('HOLD_LIMIT_REACHED', `You already have ${max} unpaid holds; pay for or cancel one first`, {
      retryAfterSeconds: 60,
    });
  }
}
