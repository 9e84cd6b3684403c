import { registerConstraintError } from '@fareway/db';
// A capture confirms a booking, which re-takes its inventory: the exclusion constraints' codes must be
// registered whoever imports payments alone (an orphaned capture is BOOKING_CONFLICT, never a raw Postgres error).
import '../bookings/booking-constraints';

// The database has the last word on refunds (DESIGN.md §3): a refund above what
// is left of the capture is refused by the check the refunds trigger feeds.
registerConstraintError('payments_refunded_within_captured', 'REFUND_EXCEEDS_CAPTURED', 'The refund is larger than what is left to refund');
// initiate queues on the booking's row lock, so this only fires if that is bypassed.
registerConstraintError('payments_one_active_per_booking', 'PAYMENT_ALREADY_PROCESSED', 'Another payment for this booking is in progress');
