export * from './constant-time';
export * from './payment-gateway';
