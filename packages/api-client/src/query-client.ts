import { QueryClient } from '@tanstack/react-query';

/** The HTTP status the server attaches to every tRPC error (`error.data.httpStatus`), when there is one. */
export function errorHttpStatus(error: unknown): number | null {
  if (typeof error !== 'object' || error === null || !('data' in error)) return null;
  const data = (error as { data?: unknown }).data;
  if (typeof data !== 'object' || data === null || !('httpStatus' in data)) return null;
  const status = (data as { httpStatus?: unknown }).httpStatus;
  return typeof status === 'number' ? status : null;
}

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
