export * from './find-seat-alternatives';
export * from './reserve-seats';
export * from './seat-occupancy';
