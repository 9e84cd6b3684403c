import { AppError } from '@fareway/domain';
import type { BookingRow } from '../bookings/public-booking';

/** A booking can be paid while its hold is pending and unexpired; a paid one is refused, so nobody is charged twice. */
export function assertPayableHold(booking: BookingRow, now: Date): asserts booking is BookingRow & { expiresAt: Date } {
  if (booking.status === 'confirmed' || booking.status === 'active' || booking.status === 'completed') {
    throw new AppError('PAYMENT_ALREADY_PROCESSED', 'This booking is already paid');
  }
  if (booking.status !== 'pending' || !booking.expiresAt || booking.expiresAt.getTime() <= now.getTime()) {
    throw new AppError('HOLD_EXPIRED', 'The hold lapsed before it was paid; book again');
  }
}
