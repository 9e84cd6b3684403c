import type { Deps } from '@fareway/core';

/** What every procedure sees. Built per request by the HTTP host (or by tests). */
export interface Context {
  deps: Deps;
  requestId: string;
  ip: string;
  /** Sets a response header (Retry-After, ...) on whichever transport carries the call. */
  setHeader: (name: string, value: string) => void;
}

export function createContextFactory(deps: Deps) {
  return (request: { requestId: string; ip: string; setHeader?: (name: string, value: string) => void }): Context => ({
    deps,
    requestId: request.requestId,
    ip: request.ip,
    setHeader: request.setHeader ?? (() => {}),
  });
}
