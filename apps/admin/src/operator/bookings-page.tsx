import { type RouterOutputs, useTRPC } from '@fareway/api-client';
import { type ColumnDef, formatDateTime, formatMoney, humanize, SelectField, StatusBadge, TextField } from '@fareway/ui';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { bookingLook } from '../back-office/looks';
import { FilterForm, optionsOf } from '../lib/filters';
import { PagedTable } from '../lib/paged-table';
import { PersonName } from '../lib/person';
import { OfficeFrame } from './office-frame';

type Row = RouterOutputs['operators']['listBookings']['items'][number];

const route = getRouteApi('/office/$organizationId/bookings');
const STATUSES = ['pending', 'confirmed', 'active', 'completed', 'expired', 'cancelled'] as const;

const columns: Array<ColumnDef<Row, unknown>> = [
  { id: 'trip', header: 'Trip', cell: ({ row: { original: b } }) => b.inventory?.label ?? '—' },
  { id: 'startsAt', header: 'Leaves', cell: ({ row: { original: b } }) => formatDateTime(b.startsAt, b.timeZone) },
  { id: 'customer', header: 'Customer', cell: ({ row: { original: b } }) => <PersonName person={b.customer} /> },
  { id: 'total', header: 'Total', meta: { numeric: true }, cell: ({ row: { original: b } }) => formatMoney(b.totalMinor, b.currency) },
  {
    id: 'status',
    header: 'Status',
    cell: ({ row: { original: b } }) => <StatusBadge variant={bookingLook(b.status)}>{humanize(b.status)}</StatusBadge>,
  },
  { id: 'createdAt', header: 'Booked', cell: ({ row: { original: b } }) => formatDateTime(b.createdAt, b.timeZone) },
];

/** The seats sold on this operator's trips (only its own: the server forces the organisation). */
export function OperatorBookingsPage() {
  const { organizationId } = route.useParams();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const trpc = useTRPC();
  const bookings = useQuery(
    trpc.operators.listBookings.queryOptions(
      { organizationId, status: search.status, phone: search.phone, page: search.page ?? 1, limit: 25 },
      { placeholderData: keepPreviousData },
    ),
  );
  return (
    <OfficeFrame organizationId={organizationId} title="Bookings">
      {() => (
        <>
          <FilterForm
            key={JSON.stringify(search)}
            label="Filter bookings"
            busy={bookings.isFetching}
            onApply={(values) =>
              void navigate({ search: { status: values.status as (typeof STATUSES)[number] | undefined, phone: values.phone } })
            }
            onClear={() => void navigate({ search: {} })}
          >
            <TextField label="Customer phone" name="phone" type="search" defaultValue={search.phone ?? ''} autoComplete="off" />
            <SelectField label="Status" name="status" defaultValue={search.status ?? ''} options={optionsOf(STATUSES, humanize)} />
          </FilterForm>
          <PagedTable
            query={bookings}
            what="bookings"
            empty={<p>No bookings match.</p>}
            label="Bookings"
            columns={columns}
            getRowId={(b) => b.id}
            onPage={(page) => void navigate({ search: (prev) => ({ ...prev, page }) })}
          />
        </>
      )}
    </OfficeFrame>
  );
}
