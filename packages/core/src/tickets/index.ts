export * from './get-receipt';
export * from './get-ticket';
export * from './ticket-code';
export * from './ticket-view';
export * from './verify-ticket';
