export * from './errors/app-error';
export * from './errors/error-codes';
export * from './money/money';
