export * from './settlement-period';
export * from './settlement-postings';
