export * from './gateway-fees';
export * from './ledger-postings';
export * from './payment-states';
