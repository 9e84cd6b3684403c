export * from './test-deps';
export * from './webhook-receiver';
