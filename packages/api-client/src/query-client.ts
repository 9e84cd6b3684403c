import { QueryClient } from '@tanstack/react-query';
import { errorHttpStatus } from './errors';

/** Retry a failed query once, except when the server said the request itself is wrong (4xx): retrying cannot help. */
export function shouldRetryQuery(failureCount: number, error: unknown): boolean {
  const status = errorHttpStatus(error);
  if (status !== null && status >= 400 && status < 500) return false;
  return failureCount < 1;
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: shouldRetryQuery, staleTime: 10_000 },
      // A mutation that failed may have taken effect; never repeat it behind the user's back.
      mutations: { retry: false },
    },
  });
}
