export type { BookingFacts, Copy } from './booking-templates';
export * from './notification-format';
export * from './notification-retry';
export * from './render-notification';
