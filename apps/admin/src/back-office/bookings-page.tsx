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
import { useMemo } from 'react';
import { dayRange, FilterForm, optionsOf } from '../lib/filters';
import { PagedTable } from '../lib/paged-table';
import { PersonName } from '../lib/person';
import { bookingLook } from './looks';

type Row = RouterOutputs['admin']['bookings']['list']['items'][number];

const route = getRouteApi('/bookings');
const STATUSES = ['pending', 'confirmed', 'active', 'completed', 'expired', 'cancelled'] as const;

export const bookingColumns: Array<ColumnDef<Row, unknown>> = [
  {
    id: 'booking',
    header: 'Booking',
    enableSorting: false,
    enableHiding: false,
    cell: ({ row: { original: b } }) => (
      <Link to="/bookings/$bookingId" params={{ bookingId: b.id }}>
        {humanize(b.kind)} {b.id.slice(-8)}
      </Link>
    ),
  },
  { id: 'customer', header: 'Customer', enableSorting: false, cell: ({ row: { original: b } }) => <PersonName person={b.customer} /> },
  {
    id: 'what',
    header: 'What',
    enableSorting: false,
    cell: ({ row: { original: b } }) => (
      <span>
        {b.inventory?.label ?? '—'}
        {b.organization ? <span className="fw-muted admin-hint"> {b.organization.name}</span> : null}
      </span>
    ),
  },
  {
    id: 'startsAt',
    header: 'Starts',
    cell: ({ row: { original: b } }) => formatDateTime(b.startsAt, b.timeZone),
  },
  {
    id: 'total',
    header: 'Total',
    enableSorting: false,
    meta: { numeric: true },
    cell: ({ row: { original: b } }) => formatMoney(b.totalMinor, b.currency),
  },
  {
    id: 'status',
    header: 'Status',
    enableSorting: false,
    cell: ({ row: { original: b } }) => <StatusBadge variant={bookingLook(b.status)}>{humanize(b.status)}</StatusBadge>,
  },
  {
    id: 'createdAt',
    header: 'Booked',
    // The booking's own zone, as on every other page that shows this booking (named when not the viewer's).
    cell: ({ row: { original: b } }) => formatDateTime(b.createdAt, b.timeZone),
  },
];

/** Every booking: filters, sort and page in the URL; the server pages and sorts. */
export function BookingsPage() {
  const trpc = useTRPC();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const zone = browserTimeZone();
  const { from, to, ...rest } = search;
  const input = { ...rest, ...dayRange(from, to, zone, zonedInputToInstant), page: search.page ?? 1, limit: 25 };
  const bookings = useQuery(trpc.admin.bookings.list.queryOptions(input, { placeholderData: keepPreviousData }));
  const organizations = useQuery(trpc.organizations.list.queryOptions({ status: 'approved', limit: 100 }));
  const sorting = useMemo(() => {
    const [id = 'createdAt', direction] = (search.sort ?? 'createdAt.desc').split('.');
    return [{ id, desc: direction === 'desc' }];
  }, [search.sort]);

  return (
    <>
      <h1 className="admin-title">Bookings</h1>
      <FilterForm
        key={JSON.stringify(search)}
        label="Filter bookings"
        busy={bookings.isFetching}
        onApply={(values) =>
          void navigate({
            search: {
              status: values.status as (typeof STATUSES)[number] | undefined,
              kind: values.kind as 'rental' | 'seat' | undefined,
              phone: values.phone,
              organizationId: values.organizationId,
              vehicleId: search.vehicleId,
              tripId: search.tripId,
              from: values.from,
              to: values.to,
              sort: search.sort,
            },
          })
        }
        onClear={() => void navigate({ search: {} })}
      >
        <TextField label="Customer phone" name="phone" type="search" defaultValue={search.phone ?? ''} autoComplete="off" />
        <SelectField label="Status" name="status" defaultValue={search.status ?? ''} options={optionsOf(STATUSES, humanize)} />
        <SelectField label="Kind" name="kind" defaultValue={search.kind ?? ''} options={optionsOf(['rental', 'seat'], humanize)} />
        <SelectField
          label="Operator"
          name="organizationId"
          defaultValue={search.organizationId ?? ''}
          options={[{ value: '', label: 'Any' }, ...(organizations.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }))]}
        />
        <TextField label="Starts from" name="from" type="date" defaultValue={search.from ?? ''} />
        <TextField label="Starts until" name="to" type="date" defaultValue={search.to ?? ''} />
      </FilterForm>
      {search.vehicleId || search.tripId ? (
        <p className="admin-chip">
          Only {search.vehicleId ? 'this vehicle' : 'this trip'}’s bookings.{' '}
          <Link to="/bookings" search={{ ...search, vehicleId: undefined, tripId: undefined, page: undefined }}>
            Show all
          </Link>
        </p>
      ) : null}
      <PagedTable
        query={bookings}
        what="bookings"
        empty={<p>No booking matches.</p>}
        label="Bookings"
        columns={bookingColumns}
        getRowId={(b) => b.id}
        sorting={sorting}
        manualSorting
        onSortingChange={(next) => {
          const first = next[0];
          const sort = first ? (`${first.id}.${first.desc ? 'desc' : 'asc'}` as const) : undefined;
          void navigate({
            search: (prev) => ({
              ...prev,
              sort: sort === 'createdAt.desc' ? undefined : (sort as typeof prev.sort),
              page: undefined,
            }),
          });
        }}
        hideableColumns
        onPage={(page) => void navigate({ search: (prev) => ({ ...prev, page }) })}
      />
    </>
  );
}
