import './payment-constraints';

export * from './apply-gateway-payment';
export * from './gateway-for';
export * from './get-payment';
export * from './initiate-payment';
export * from './process-payment-event';
export * from './public-payment';
export * from './reconcile-payments';
export * from './record-payment-event';
export * from './start-checkout';
