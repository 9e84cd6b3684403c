export * from './provided-context';
export * from './test-cluster';
export * from './test-database';
