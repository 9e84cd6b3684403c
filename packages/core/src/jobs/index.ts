export * from './list-jobs';
export * from './retry-failed-jobs';
export * from './run-job';
