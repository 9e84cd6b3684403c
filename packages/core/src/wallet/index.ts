export * from './get-wallet';
export * from './list-wallet-moves';
export * from './pay-with-wallet';
export * from './top-up-wallet';
