export * from './check-money-invariants';
export * from './get-trial-balance';
export * from './list-ledger-journals';
export * from './name-accounts';
export * from './post-journal';
