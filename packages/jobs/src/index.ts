export * from './job-queue';
export * from './queues';
