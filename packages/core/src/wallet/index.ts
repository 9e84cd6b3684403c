export * from './get-wallet';
export * from './pay-with-wallet';
export * from './top-up-wallet';
