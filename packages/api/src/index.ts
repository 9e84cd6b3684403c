export * from './context';
export * from './errors';
export * from './identity-schemas';
export * from './openapi';
export * from './router';
export * from './trpc';
