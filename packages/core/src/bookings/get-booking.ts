import type { Deps } from '../deps';
import type { Actor } from '../identity/users';
import { loadBookingFor } from './load-booking-for';
import { type PublicBooking, toPublicBooking } from './public-booking';

/** `GET /bookings/{id}`: visible to its customer, its partner and admins. */
export async function getBooking(deps: Pick<Deps, 'db'>, actor: Actor, bookingId: string): Promise<PublicBooking> {
  const { booking } = await loadBookingFor(deps.db, actor, bookingId);
  return toPublicBooking(deps.db, booking);
}
