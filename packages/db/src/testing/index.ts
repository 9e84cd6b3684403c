export * from './test-cluster';
export * from './test-database';
export * from './provided-context';
