export * from './fake-twilio';
export * from './smtp-inbox';
export * from './test-deps';
export * from './webhook-receiver';
