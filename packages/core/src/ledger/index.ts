export * from './check-money-invariants';
export * from './get-trial-balance';
export * from './post-journal';
