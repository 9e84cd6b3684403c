import './booking-constraints';

export * from './apply-booking-event';
export * from './booking-locks';
export * from './cancel-booking';
export * from './confirm-booking';
export * from './expire-stale-holds';
export * from './get-booking';
export * from './hold-limit';
export * from './list-bookings';
export * from './load-booking-for';
export * from './public-booking';
export * from './sweep-expired-holds';
