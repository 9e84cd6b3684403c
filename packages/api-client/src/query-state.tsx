import { QueryView } from '@fareway/ui';
import type { ReactNode } from 'react';
import { useProblem } from './problem';

interface QueryLike<T> {
  data: T | undefined;
  error: unknown;
  isPending: boolean;
  refetch: () => Promise<unknown>;
}

/**
 * A TanStack query on screen (both SPAs): loading, the server's error (retry held back until
 * Retry-After), empty, or `children(data)`.
 */
export function QueryState<T>({
  query,
  what,
  isEmpty,
  empty,
  children,
}: {
  query: QueryLike<T>;
  what: string;
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  children: (data: T) => ReactNode;
}) {
  const problem = useProblem(query.error);
  const data = query.data;
  return (
    <QueryView
      isPending={query.isPending}
      hasData={data !== undefined}
      problem={problem}
      onRetry={() => void query.refetch()}
      what={what}
      isEmpty={data !== undefined && isEmpty ? isEmpty(data) : false}
      empty={empty}
    >
      {() => (data === undefined ? null : children(data))}
    </QueryView>
  );
}
