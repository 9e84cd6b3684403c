import { registerConstraintError } from '@fareway/db';

// The exclusion constraints of migration 0006 have the last word on double
// booking; when they catch what the pre-check missed, the client still gets the stable code.
registerConstraintError('vehicle_occupancies_no_overlap', 'BOOKING_CONFLICT', 'Vehicle is not available for the selected dates');
registerConstraintError('seat_reservations_no_overlap', 'SEATS_UNAVAILABLE', 'One or more seats are taken for this leg');
