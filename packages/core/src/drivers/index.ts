export * from './apply-as-driver';
export * from './list-driver-applications';
export * from './public-driver-application';
export * from './review-driver-application';
