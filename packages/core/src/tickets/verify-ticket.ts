import { schema } from '@fareway/db';
import { AppError } from '@fareway/domain';
import { and, eq } from 'drizzle-orm';
import type { Deps } from '../deps';
import type { Actor } from '../identity/users';
import { loadOrganizationFor } from '../organizations/organizations';
import { verifyTicketCode } from './ticket-code';
import { loadTicketView, TICKETED_STATUSES, type TicketView } from './ticket-view';

/** One answer for a forged code and for another operator's genuine ticket: neither is a ticket of yours. */
const NOT_A_TICKET = 'This is not a Fareway ticket for your trips';

/**
 * `POST /organizations/{organizationId}/tickets/verify`: the crew scans an e-ticket's QR. A member
 * of the trip's operator (or an admin) gets the booking, its seats and passengers when the code is
 * genuine, names a booking on one of the operator's trips (on `tripId` when given) and the booking
 * is paid; otherwise a code that says which of those failed.
 */
export async function verifyTicket(
  deps: Pick<Deps, 'db' | 'config'>,
  actor: Actor,
  input: { organizationId: string; code: string; tripId?: string },
): Promise<TicketView> {
  await loadOrganizationFor(deps.db, actor, input.organizationId);
  const bookingId = verifyTicketCode(deps.config.auth.secret, input.code);
  if (!bookingId) throw new AppError('TICKET_INVALID', NOT_A_TICKET);
  const [booking] = await deps.db
    .select()
    .from(schema.bookings)
    .where(and(eq(schema.bookings.id, bookingId), eq(schema.bookings.partnerOrganizationId, input.organizationId)))
    .limit(1);
  if (booking?.kind !== 'seat') throw new AppError('TICKET_INVALID', NOT_A_TICKET);
  const view = await loadTicketView(deps.db, booking);
  if (input.tripId && booking.tripId !== input.tripId) {
    throw new AppError('TICKET_WRONG_TRIP', `This ticket is for another trip (${view.routeName}, from ${view.from.name})`, {
      details: { tripId: booking.tripId, departsAt: view.from.departsAt },
    });
  }
  if (!TICKETED_STATUSES.includes(booking.status)) {
    throw new AppError('TICKET_NOT_VALID', `This booking is ${booking.status === 'pending' ? 'not paid' : booking.status}`, {
      details: { status: booking.status },
    });
  }
  return view;
}
