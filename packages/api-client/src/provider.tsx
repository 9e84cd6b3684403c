import { type QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { type ApiClient, createApiClient } from './client';
import { createQueryClient } from './query-client';
import { TRPCProvider } from './trpc';

export interface ApiProviderProps {
  children: ReactNode;
  /** tRPC endpoint; defaults to same-origin `/trpc`. Read once, on first render. */
  url?: string;
  /** Inject ready-made clients (tests); otherwise both are created once per provider. */
  queryClient?: QueryClient;
  apiClient?: ApiClient;
}

export function ApiProvider({ children, url, queryClient: givenQueryClient, apiClient: givenApiClient }: ApiProviderProps) {
  const [queryClient] = useState(() => givenQueryClient ?? createQueryClient());
  const [trpcClient] = useState(() => givenApiClient ?? createApiClient(url === undefined ? {} : { url }));
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
