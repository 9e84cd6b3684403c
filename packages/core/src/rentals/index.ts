export * from './create-rental-hold';
export * from './hand-over-rental';
export * from './list-partner-rentals';
export * from './seed-demo-vehicles';
