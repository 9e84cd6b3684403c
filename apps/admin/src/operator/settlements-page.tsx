import { type RouterOutputs, useTRPC } from '@fareway/api-client';
import { type ColumnDef, formatMoney, humanize, StatusBadge } from '@fareway/ui';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { settlementLook } from '../back-office/looks';
import { PagedTable } from '../lib/paged-table';
import { OfficeFrame } from './office-frame';

type Row = RouterOutputs['operators']['listSettlements']['items'][number];

const route = getRouteApi('/office/$organizationId/settlements');

const money = (pick: (s: Row) => number): ColumnDef<Row, unknown>['cell'] =>
  function Money({ row: { original: s } }) {
    return formatMoney(pick(s), s.currency);
  };

const columns: Array<ColumnDef<Row, unknown>> = [
  { id: 'period', header: 'Month', cell: ({ row: { original: s } }) => s.period },
  { id: 'gross', header: 'Sales', meta: { numeric: true }, cell: money((s) => s.grossMinor) },
  { id: 'commission', header: 'Commission', meta: { numeric: true }, cell: money((s) => s.commissionMinor) },
  { id: 'fees', header: 'Fees', meta: { numeric: true }, cell: money((s) => s.feesMinor) },
  { id: 'refunds', header: 'Refunds', meta: { numeric: true }, cell: money((s) => s.refundsMinor) },
  { id: 'net', header: 'Paid to you', meta: { numeric: true }, cell: money((s) => s.netMinor) },
  {
    id: 'status',
    header: 'Status',
    cell: ({ row: { original: s } }) => <StatusBadge variant={settlementLook(s.status)}>{humanize(s.status)}</StatusBadge>,
  },
  { id: 'payout', header: 'Payout reference', cell: ({ row: { original: s } }) => s.payoutReference ?? '—' },
];

/** The operator's monthly statements (owners; staff are told they are the owners' to see). */
export function OperatorSettlementsPage() {
  const { organizationId } = route.useParams();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  return (
    <OfficeFrame organizationId={organizationId} title="Settlements">
      {(org) =>
        org.myRole === 'staff' ? (
          <p>Statements are for the owners of {org.name}.</p>
        ) : (
          <Statements organizationId={organizationId} page={search.page ?? 1} onPage={(page) => void navigate({ search: { page } })} />
        )
      }
    </OfficeFrame>
  );
}

function Statements({
  organizationId,
  page,
  onPage,
}: {
  organizationId: string;
  page: number;
  onPage: (page: number | undefined) => void;
}) {
  const trpc = useTRPC();
  const statements = useQuery(
    trpc.operators.listSettlements.queryOptions({ organizationId, page, limit: 24 }, { placeholderData: keepPreviousData }),
  );
  return (
    <PagedTable
      query={statements}
      what="statements"
      empty={<p>No statements yet: Fareway draws one up after each month with sales.</p>}
      label="Statements"
      columns={columns}
      getRowId={(s) => s.id}
      onPage={onPage}
    />
  );
}
