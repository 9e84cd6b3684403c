import { AppError } from '@fareway/domain';
import { loadBookingFor } from '../bookings/load-booking-for';
import type { Deps } from '../deps';
import type { Actor } from '../identity/users';
import { signTicketCode } from './ticket-code';
import { loadTicketView, TICKETED_STATUSES, type TicketView } from './ticket-view';

export type Ticket = TicketView & { code: string };

/**
 * `GET /bookings/{id}/ticket`: the e-ticket of a paid seat booking, for its customer (and the
 * operator and admins, who can see the booking anyway), with the signed code its QR carries.
 */
export async function getTicket(deps: Pick<Deps, 'db' | 'config'>, actor: Actor, bookingId: string): Promise<Ticket> {
  const { booking } = await loadBookingFor(deps.db, actor, bookingId);
  if (booking.kind !== 'seat') throw new AppError('TICKET_NOT_ISSUED', 'A rental has a receipt, not an e-ticket');
  if (!TICKETED_STATUSES.includes(booking.status)) {
    throw new AppError('TICKET_NOT_ISSUED', `No e-ticket: the booking is ${booking.status}, and tickets are issued once it is paid`);
  }
  const view = await loadTicketView(deps.db, booking);
  return { ...view, code: signTicketCode(deps.config.auth.secret, booking.id) };
}
