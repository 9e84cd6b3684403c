export * from './payment-webhooks';
export * from './sandbox-pages';
