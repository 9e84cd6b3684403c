export * from './test-deps';
