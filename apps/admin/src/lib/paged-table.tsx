import { QueryState } from '@fareway/api-client';
import { DataTable, type DataTableProps } from '@fareway/ui';
import type { ReactNode } from 'react';

interface PageOf<T> {
  items: T[];
  meta: { page: number; limit: number; total: number };
}

export type PagedTableProps<T> = Omit<DataTableProps<T>, 'data' | 'pagination'> & {
  /** A list query answering one page of rows (`{ items, meta }`). */
  query: { data: PageOf<T> | undefined; error: unknown; isPending: boolean; isFetching: boolean; refetch: () => Promise<unknown> };
  /** What is listed, for the loading and error states ("bookings"). */
  what: string;
  /** Shown when the page has no row ("No booking matches."). */
  empty: ReactNode;
  /** Go to a page: the page lives in the URL (undefined is the first). */
  onPage: (page: number | undefined) => void;
};

/**
 * Every paged list of the consoles: the query's page of rows in the one table
 * with its pager, and the loading, error and "nothing matches" states.
 */
export function PagedTable<T>({ query, what, empty, onPage, ...table }: PagedTableProps<T>) {
  return (
    <QueryState query={query} what={what} isEmpty={(data) => data.items.length === 0} empty={empty}>
      {(data) => (
        <DataTable
          {...table}
          data={data.items}
          pagination={{
            page: data.meta.page,
            limit: data.meta.limit,
            total: data.meta.total,
            busy: query.isFetching,
            onPage: (next) => onPage(next > 1 ? next : undefined),
          }}
        />
      )}
    </QueryState>
  );
}
