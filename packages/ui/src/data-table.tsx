import {
  type ColumnDef,
  flexRender,
  getCoreRowModel,
  getSortedRowModel,
  type RowData,
  type SortingState,
  useReactTable,
  type VisibilityState,
} from '@tanstack/react-table';
import { type ReactNode, useState } from 'react';
import { Pager } from './pager';
import { useUiLabels } from './ui-labels';

declare module '@tanstack/react-table' {
  interface ColumnMeta<TData extends RowData, TValue> {
    /** The column's name on a phone card and in the column menu (defaults to a string header). */
    label?: string;
    /** Right-aligned figures (money, counts). */
    numeric?: boolean;
  }
}

export type { ColumnDef, SortingState, VisibilityState };

export interface DataTableProps<T> {
  /** What the table lists, for screen readers ("Your bookings"). */
  label: string;
  data: T[];
  // biome-ignore lint/suspicious/noExplicitAny: column value types differ per column, as in TanStack Table's own examples.
  columns: Array<ColumnDef<T, any>>;
  getRowId: (row: T) => string;
  /**
   * The sort, e.g. from the URL's `sort` param. With `onSortingChange` the
   * headers become sort buttons; `manualSorting` says the server sorts (else
   * the rows on this page are sorted here).
   */
  sorting?: SortingState;
  onSortingChange?: (sorting: SortingState) => void;
  manualSorting?: boolean;
  /** Columns the user may hide: offers a "Columns" menu. */
  hideableColumns?: boolean;
  initialVisibility?: VisibilityState;
  /** Server-side pagination: the page shown, its size and the total. */
  pagination?: { page: number; limit: number; total: number; onPage: (page: number) => void; busy?: boolean };
  /** A `<tfoot>` row, e.g. a total. */
  footer?: ReactNode;
}

/** One empty sort for every render: a fresh `[]` each time made TanStack Table recompute and reset state in a loop. */
const NO_SORTING: SortingState = [];

function labelOf<T>(column: ColumnDef<T, unknown>): string {
  return column.meta?.label ?? (typeof column.header === 'string' ? column.header : '');
}

/**
 * The one list table of both SPAs (TanStack Table): sortable headers, column
 * visibility, server-side pages. Below 40rem each row becomes a card whose
 * cells carry their column's name (`data-label`, shown by ui.css), so nothing
 * is cut off on a phone.
 */
export function DataTable<T>({
  label,
  data,
  columns,
  getRowId,
  sorting,
  onSortingChange,
  manualSorting = false,
  hideableColumns = false,
  initialVisibility = {},
  pagination,
  footer,
}: DataTableProps<T>) {
  const [visibility, setVisibility] = useState<VisibilityState>(initialVisibility);
  const sortable = onSortingChange !== undefined;
  const labels = useUiLabels();
  const table = useReactTable({
    data,
    columns,
    getRowId,
    state: { sorting: sorting ?? NO_SORTING, columnVisibility: visibility },
    onSortingChange: (updater) => {
      if (!onSortingChange) return;
      onSortingChange(typeof updater === 'function' ? updater(sorting ?? NO_SORTING) : updater);
    },
    // Pages are the server's: new rows must not make the table reset a page index of its own (a render loop).
    autoResetPageIndex: false,
    autoResetAll: false,
    onColumnVisibilityChange: setVisibility,
    enableSorting: sortable,
    enableMultiSort: false,
    manualSorting,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
  });

  return (
    <div className="fw-data-table">
      {hideableColumns ? (
        <details className="fw-data-table__columns">
          <summary>{labels.columns}</summary>
          <fieldset>
            <legend className="fw-visually-hidden">{labels.columnsShown}</legend>
            {table
              .getAllLeafColumns()
              .filter((column) => column.getCanHide())
              .map((column) => (
                <label key={column.id} className="fw-check">
                  <input type="checkbox" checked={column.getIsVisible()} onChange={column.getToggleVisibilityHandler()} />
                  {labelOf(column.columnDef)}
                </label>
              ))}
          </fieldset>
        </details>
      ) : null}
      <div className="fw-table-wrap">
        <table className="fw-table fw-table--cards" aria-label={label}>
          <thead>
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const sorted = header.column.getIsSorted();
                  const canSort = header.column.getCanSort();
                  const content = header.isPlaceholder ? null : flexRender(header.column.columnDef.header, header.getContext());
                  return (
                    <th
                      key={header.id}
                      scope="col"
                      className={header.column.columnDef.meta?.numeric ? 'fw-num' : undefined}
                      aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}
                    >
                      {canSort ? (
                        <button type="button" className="fw-sort" onClick={header.column.getToggleSortingHandler()}>
                          {content}
                          <span aria-hidden="true" className="fw-sort__mark">
                            {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : '↕'}
                          </span>
                        </button>
                      ) : (
                        content
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {table.getRowModel().rows.map((row) => (
              <tr key={row.id}>
                {row.getVisibleCells().map((cell) => {
                  const name = labelOf(cell.column.columnDef);
                  return (
                    <td key={cell.id} data-label={name || undefined} className={cell.column.columnDef.meta?.numeric ? 'fw-num' : undefined}>
                      {flexRender(cell.column.columnDef.cell, cell.getContext())}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
          {footer ? <tfoot>{footer}</tfoot> : null}
        </table>
      </div>
      {pagination ? (
        <Pager
          page={pagination.page}
          limit={pagination.limit}
          total={pagination.total}
          onPage={pagination.onPage}
          busy={pagination.busy ?? false}
        />
      ) : null}
    </div>
  );
}
