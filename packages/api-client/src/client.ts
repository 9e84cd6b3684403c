import type { AppRouter } from '@fareway/api';
import { createTRPCClient, httpBatchLink, type TRPCClient } from '@trpc/client';

export interface ApiClientOptions {
  /** Where the server mounts tRPC; same-origin `/trpc` unless told otherwise. */
  url?: string;
  /** Overrides the global `fetch` (tests, SSR). */
  fetch?: typeof globalThis.fetch;
  /** Extra headers sent with every request. */
  headers?: Record<string, string>;
}

export type ApiClient = TRPCClient<AppRouter>;

/** The one typed client both SPAs use. Requests carry cookies so the session goes along. */
export function createApiClient({ url = '/trpc', fetch: fetchImpl, headers }: ApiClientOptions = {}): ApiClient {
  return createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url,
        // Bounded so a batch URL stays well under proxies' limits (the server allows 5000 characters).
        maxItems: 10,
        ...(headers ? { headers } : {}),
        fetch: (input, init) => (fetchImpl ?? globalThis.fetch)(input, { ...init, credentials: 'include' }),
      }),
    ],
  });
}
