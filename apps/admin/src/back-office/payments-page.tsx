import { type RouterOutputs, useTRPC } from '@fareway/api-client';
import {
  browserTimeZone,
  type ColumnDef,
  formatDateTime,
  formatMoney,
  humanize,
  SelectField,
  StatusBadge,
  TextField,
  zonedInputToInstant,
} from '@fareway/ui';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { dayRange, FilterForm, optionsOf } from '../lib/filters';
import { PagedTable } from '../lib/paged-table';
import { PersonName } from '../lib/person';
import { paymentLook } from './looks';

type Row = RouterOutputs['admin']['payments']['list']['items'][number];
type Search = ReturnType<typeof route.useSearch>;

const route = getRouteApi('/payments');
const STATUSES = ['initiated', 'pending', 'completed', 'failed', 'refunded', 'partially_refunded'] as const;
const PROVIDERS = ['sandbox', 'payhere', 'mintpay', 'flutterwave', 'stripe', 'wallet'] as const;

const columns: Array<ColumnDef<Row, unknown>> = [
  {
    id: 'payment',
    header: 'Payment',
    enableHiding: false,
    cell: ({ row: { original: p } }) => (
      <Link to="/payments/$paymentId" params={{ paymentId: p.id }}>
        {humanize(p.provider)} {p.id.slice(-8)}
      </Link>
    ),
  },
  { id: 'customer', header: 'Customer', cell: ({ row: { original: p } }) => <PersonName person={p.customer} /> },
  { id: 'purpose', header: 'For', cell: ({ row: { original: p } }) => humanize(p.purpose) },
  { id: 'amount', header: 'Amount', meta: { numeric: true }, cell: ({ row: { original: p } }) => formatMoney(p.amountMinor, p.currency) },
  {
    id: 'refunded',
    header: 'Refunded',
    meta: { numeric: true },
    cell: ({ row: { original: p } }) => formatMoney(p.refundedMinor, p.currency),
  },
  {
    id: 'status',
    header: 'Status',
    cell: ({ row: { original: p } }) => <StatusBadge variant={paymentLook(p.status)}>{humanize(p.status)}</StatusBadge>,
  },
  { id: 'createdAt', header: 'Started', cell: ({ row: { original: p } }) => formatDateTime(p.createdAt, browserTimeZone()) },
];

/** Every payment, newest first: by status, provider, customer and day. */
export function PaymentsPage() {
  const trpc = useTRPC();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const { from, to, ...rest } = search;
  const input = { ...rest, ...dayRange(from, to, browserTimeZone(), zonedInputToInstant), page: search.page ?? 1, limit: 25 };
  const payments = useQuery(trpc.admin.payments.list.queryOptions(input, { placeholderData: keepPreviousData }));
  return (
    <>
      <div className="admin-head">
        <h1 className="admin-title">Payments</h1>
        <Link to="/refunds">Refunds →</Link>
      </div>
      <FilterForm
        key={JSON.stringify(search)}
        label="Filter payments"
        busy={payments.isFetching}
        onApply={(values) =>
          void navigate({
            search: {
              status: values.status as Search['status'],
              provider: values.provider as Search['provider'],
              phone: values.phone,
              from: values.from,
              to: values.to,
            },
          })
        }
        onClear={() => void navigate({ search: {} })}
      >
        <TextField label="Customer phone" name="phone" type="search" defaultValue={search.phone ?? ''} autoComplete="off" />
        <SelectField label="Status" name="status" defaultValue={search.status ?? ''} options={optionsOf(STATUSES, humanize)} />
        <SelectField label="Provider" name="provider" defaultValue={search.provider ?? ''} options={optionsOf(PROVIDERS, humanize)} />
        <TextField label="Started from" name="from" type="date" defaultValue={search.from ?? ''} />
        <TextField label="Started until" name="to" type="date" defaultValue={search.to ?? ''} />
      </FilterForm>
      <PagedTable
        query={payments}
        what="payments"
        empty={<p>No payment matches.</p>}
        label="Payments"
        columns={columns}
        getRowId={(p) => p.id}
        hideableColumns
        onPage={(page) => void navigate({ search: (prev) => ({ ...prev, page }) })}
      />
    </>
  );
}
