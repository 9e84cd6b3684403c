export * from './client';
export * from './constraint-errors';
export * from './embedded';
export * from './find-up';
export * from './ids';
export * from './migrate';
export * as schema from './schema';
export { intRangeLiteral, tstzRangeLiteral } from './schema/ranges';
export * from './transaction';
