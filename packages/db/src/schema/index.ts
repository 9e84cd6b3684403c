export * from './audit';
export * from './identity';
export * from './notifications';
export * from './organizations';
export * from './system';
