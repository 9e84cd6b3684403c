import { type DatabaseOrTransaction, schema } from '@fareway/db';
import { AppError } from '@fareway/domain';
import { and, eq } from 'drizzle-orm';
import { type Actor, isAdmin } from '../identity/users';
import type { BookingRow } from './public-booking';

/** How the actor relates to a booking: its customer, the partner who provides it (driver or operator member), or an admin. */
export type BookingAccess = 'customer' | 'partner' | 'admin';

/**
 * The booking, if the actor may see it; anyone else is told it does not exist
 * ("not yours" = absent, so ids cannot be probed). `forUpdate` locks the row.
 */
export async function loadBookingFor(
  tx: DatabaseOrTransaction,
  actor: Actor,
  bookingId: string,
  options: { forUpdate?: boolean } = {},
): Promise<{ booking: BookingRow; access: BookingAccess }> {
  const query = tx.select().from(schema.bookings).where(eq(schema.bookings.id, bookingId)).limit(1);
  const [booking] = options.forUpdate ? await query.for('update') : await query;
  if (booking) {
    if (booking.customerId === actor.userId) return { booking, access: 'customer' };
    if (booking.partnerUserId === actor.userId) return { booking, access: 'partner' };
    if (booking.partnerOrganizationId) {
      const [member] = await tx
        .select({ role: schema.organizationMembers.role })
        .from(schema.organizationMembers)
        .where(
          and(
            eq(schema.organizationMembers.organizationId, booking.partnerOrganizationId),
            eq(schema.organizationMembers.userId, actor.userId),
          ),
        )
        .limit(1);
      if (member) return { booking, access: 'partner' };
    }
    if (isAdmin(actor)) return { booking, access: 'admin' };
  }
  throw new AppError('BOOKING_NOT_FOUND', 'No such booking');
}
