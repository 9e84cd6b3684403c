import { AppError } from '../errors/app-error';

/** DESIGN.md §4: `pending` is a hold awaiting payment; only live states occupy inventory. */
export const BOOKING_STATUSES = ['pending', 'confirmed', 'active', 'completed', 'expired', 'cancelled'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

export const LIVE_BOOKING_STATUSES = ['pending', 'confirmed', 'active'] as const satisfies readonly BookingStatus[];

/**
 * `reacquire` is a payment arriving after its hold lapsed (DESIGN.md §4): the
 * booking goes straight to confirmed if its inventory is still free, which the
 * exclusion constraints decide when the row becomes live again.
 */
export type BookingEvent = 'confirm' | 'reacquire' | 'expire' | 'cancel' | 'start' | 'complete';

/** The whole state machine: event → (from → to). Anything absent is refused. */
const TRANSITIONS: Record<BookingEvent, Partial<Record<BookingStatus, BookingStatus>>> = {
  confirm: { pending: 'confirmed' },
  reacquire: { expired: 'confirmed' },
  expire: { pending: 'expired' },
  cancel: { pending: 'cancelled', confirmed: 'cancelled' },
  start: { confirmed: 'active' },
  complete: { active: 'completed' },
};

export function isLiveStatus(status: BookingStatus): boolean {
  return (LIVE_BOOKING_STATUSES as readonly BookingStatus[]).includes(status);
}

/** The next state, or null when the machine does not allow the event from `from`. */
export function nextBookingStatus(from: BookingStatus, event: BookingEvent): BookingStatus | null {
  return TRANSITIONS[event][from] ?? null;
}

/** The next state, or the AppError a caller should see for a refused event. */
export function decideBookingTransition(from: BookingStatus, event: BookingEvent): BookingStatus {
  const to = nextBookingStatus(from, event);
  if (to) return to;
  switch (event) {
    case 'cancel':
      throw new AppError('BOOKING_CANNOT_CANCEL', `A ${from} booking cannot be cancelled`);
    case 'confirm':
      if (from === 'expired') throw new AppError('HOLD_EXPIRED', 'The hold lapsed before it was paid');
      if (from === 'cancelled') throw new AppError('BOOKING_CANNOT_CANCEL', 'The booking was cancelled');
      throw new AppError('PAYMENT_ALREADY_PROCESSED', `The booking is already ${from}`);
    default:
      throw new AppError('VALIDATION_ERROR', `A ${from} booking cannot ${event}`);
  }
}
