export * from './reserve-seats';
export * from './seat-occupancy';
