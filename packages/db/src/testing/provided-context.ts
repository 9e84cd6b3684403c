import type {} from 'vitest';

// What the global setup hands every integration test file through `inject()`.
declare module 'vitest' {
  export interface ProvidedContext {
    databaseAdminUrl: string;
    templateDatabase: string;
  }
}

export type ProvidedDatabaseContext = import('vitest').ProvidedContext;
