export * from './create-rental-hold';
export * from './draw-car-photo';
export * from './find-vehicle-alternatives';
export * from './hand-over-rental';
export * from './list-partner-rentals';
export * from './seed-demo-vehicle-photos';
export * from './seed-demo-vehicles';
