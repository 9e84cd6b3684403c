export * from './calculate-settlements';
export * from './export-settlements-csv';
export * from './list-organization-settlements';
export * from './list-settlements';
export * from './public-settlement';
export * from './review-settlement';
