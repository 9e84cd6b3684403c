export * from './create-refund';
export * from './process-refund';
