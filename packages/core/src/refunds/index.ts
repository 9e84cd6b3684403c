export * from './create-refund';
export * from './process-due-refunds';
export * from './process-refund';
