import { type RouterOutputs, useTRPC } from '@fareway/api-client';
import { type ColumnDef, formatMoney, humanize, SelectField, StatusBadge, TextField } from '@fareway/ui';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { FilterForm, optionsOf } from '../lib/filters';
import { PagedTable } from '../lib/paged-table';
import { settlementLook } from './looks';

type Row = RouterOutputs['admin']['settlements']['list']['items'][number];

const route = getRouteApi('/settlements');
type Search = ReturnType<typeof route.useSearch>;

const money = (pick: (s: Row) => number): ColumnDef<Row, unknown>['cell'] =>
  function Money({ row: { original: s } }) {
    return formatMoney(pick(s), s.currency);
  };

const columns: Array<ColumnDef<Row, unknown>> = [
  {
    id: 'partner',
    header: 'Partner',
    enableHiding: false,
    cell: ({ row: { original: s } }) => (
      <Link to="/settlements/$settlementId" params={{ settlementId: s.id }}>
        {s.partner.name ?? humanize(s.partner.type)}
      </Link>
    ),
  },
  { id: 'period', header: 'Period', cell: ({ row: { original: s } }) => s.period },
  { id: 'gross', header: 'Gross', meta: { numeric: true }, cell: money((s) => s.grossMinor) },
  { id: 'commission', header: 'Commission', meta: { numeric: true }, cell: money((s) => s.commissionMinor) },
  { id: 'fees', header: 'Fees', meta: { numeric: true }, cell: money((s) => s.feesMinor) },
  { id: 'refunds', header: 'Refunds', meta: { numeric: true }, cell: money((s) => s.refundsMinor) },
  { id: 'net', header: 'Payable', meta: { numeric: true }, cell: money((s) => s.netMinor) },
  {
    id: 'status',
    header: 'Status',
    cell: ({ row: { original: s } }) => <StatusBadge variant={settlementLook(s.status)}>{humanize(s.status)}</StatusBadge>,
  },
];

/** Partner statements by period and state; the period's CSV is one link away. */
export function SettlementsPage() {
  const trpc = useTRPC();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const settlements = useQuery(
    trpc.admin.settlements.list.queryOptions(
      { period: search.period, status: search.status, page: search.page ?? 1, limit: 25 },
      { placeholderData: keepPreviousData },
    ),
  );
  return (
    <>
      <div className="admin-head">
        <h1 className="admin-title">Settlements</h1>
        {search.period ? (
          <a href={`/api/v1/admin/settlements.csv?period=${search.period}`} download>
            Download {search.period} as CSV
          </a>
        ) : null}
      </div>
      <FilterForm
        key={JSON.stringify(search)}
        label="Filter settlements"
        busy={settlements.isFetching}
        onApply={(values) => void navigate({ search: { period: values.period, status: values.status as Search['status'] } })}
        onClear={() => void navigate({ search: {} })}
      >
        <TextField label="Period" name="period" type="month" defaultValue={search.period ?? ''} hint="A month, e.g. 2026-03" />
        <SelectField
          label="Status"
          name="status"
          defaultValue={search.status ?? ''}
          options={optionsOf(['draft', 'approved', 'paid'], humanize)}
        />
      </FilterForm>
      <PagedTable
        query={settlements}
        what="statements"
        empty={<p>No statement matches.</p>}
        label="Settlements"
        columns={columns}
        getRowId={(s) => s.id}
        hideableColumns
        initialVisibility={{ commission: false, fees: false }}
        onPage={(page) => void navigate({ search: (prev) => ({ ...prev, page }) })}
      />
    </>
  );
}
