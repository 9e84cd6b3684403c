export * from './claim-idempotency-key';
export * from './complete-idempotency-key';
export * from './hash-idempotent-request';
export * from './idempotency-key';
export * from './prune-idempotency-keys';
export * from './release-idempotency-key';
