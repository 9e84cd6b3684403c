import { QueryState, useTRPC } from '@fareway/api-client';
import { type ColumnDef, DataTable, formatDateTime, formatMoney, SelectField, sortingFromParam, sortingToParam } from '@fareway/ui';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { SignInGate } from '../lib/sign-in-gate';
import { BOOKING_STATUS_OPTIONS, type Booking, type BookingStatus, BookingStatusBadge } from './booking-status';

const PAGE_SIZE = 20;
const route = getRouteApi('/bookings');

/** "My bookings": rentals and seats together, newest first, filtered by status. */
export function MyBookingsPage() {
  return (
    <div className="web-page">
      <h1 className="fw-page-title">My bookings</h1>
      <SignInGate reason="Sign in to see your bookings.">{() => <BookingList />}</SignInGate>
    </div>
  );
}

/** What a booking is, in a few words: "Car rental", "2 bus seats · 3A, 3B". */
export function bookingTitle(booking: Pick<Booking, 'kind' | 'seats'>): string {
  if (booking.kind === 'rental') return 'Car rental';
  return `${booking.seats.length} bus ${booking.seats.length === 1 ? 'seat' : 'seats'}`;
}

const columns: Array<ColumnDef<Booking, unknown>> = [
  {
    id: 'booking',
    header: 'Booking',
    enableSorting: false,
    enableHiding: false,
    cell: ({ row: { original: b } }) => (
      <span>
        <Link to="/bookings/$id" params={{ id: b.id }}>
          {bookingTitle(b)}
        </Link>
        {b.seats.length > 0 ? <span className="fw-muted"> · {b.seats.map((s) => s.seatNo).join(', ')}</span> : null}
      </span>
    ),
  },
  {
    id: 'startDate',
    header: 'When',
    accessorFn: (b) => b.startDate,
    cell: ({ row: { original: b } }) => (
      <span data-testid="booking-when">
        {formatDateTime(b.startDate, b.timeZone)}
        <span className="fw-muted"> → {formatDateTime(b.endDate, b.timeZone)}</span>
      </span>
    ),
  },
  {
    id: 'status',
    header: 'Status',
    accessorFn: (b) => b.status,
    cell: ({ row: { original: b } }) => (
      <span>
        <BookingStatusBadge status={b.status} />
        {b.status === 'cancelled' && b.refundDueMinor ? (
          <span className="fw-muted web-hint"> Refund {formatMoney(b.refundDueMinor, b.currency)}</span>
        ) : null}
      </span>
    ),
  },
  {
    id: 'total',
    header: 'Total',
    accessorFn: (b) => b.totalMinor,
    meta: { numeric: true },
    cell: ({ row: { original: b } }) => formatMoney(b.totalMinor, b.currency),
  },
  {
    id: 'createdAt',
    header: 'Booked',
    accessorFn: (b) => b.createdAt,
    cell: ({ row: { original: b } }) => formatDateTime(b.createdAt, b.timeZone),
  },
];

function BookingList() {
  const trpc = useTRPC();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const page = search.page ?? 1;
  const bookings = useQuery(
    trpc.bookings.list.queryOptions({ status: search.status, page, limit: PAGE_SIZE }, { placeholderData: keepPreviousData }),
  );

  return (
    <div className="fw-stack">
      <div className="web-filter">
        <SelectField
          label="Show"
          name="status"
          value={search.status ?? ''}
          options={[{ value: '', label: 'All bookings' }, ...BOOKING_STATUS_OPTIONS]}
          onChange={(e) => void navigate({ search: { status: (e.target.value || undefined) as BookingStatus | undefined } })}
        />
      </div>
      <QueryState
        query={bookings}
        what="your bookings"
        isEmpty={(data) => data.items.length === 0}
        empty={
          <p>
            {search.status ? 'No bookings with that status.' : 'No bookings yet.'} <Link to="/cars">Rent a car</Link> or{' '}
            <Link to="/bus">find a bus seat</Link>.
          </p>
        }
      >
        {(data) => (
          <DataTable
            label="Your bookings"
            data={data.items}
            columns={columns}
            getRowId={(b) => b.id}
            // The server lists newest first; a sort orders this page's rows.
            sorting={sortingFromParam(search.sort)}
            onSortingChange={(sorting) => void navigate({ search: (prev) => ({ ...prev, sort: sortingToParam(sorting) }) })}
            hideableColumns
            initialVisibility={{ createdAt: false }}
            pagination={{
              page: data.meta.page,
              limit: data.meta.limit,
              total: data.meta.total,
              busy: bookings.isFetching,
              onPage: (next) => void navigate({ search: (prev) => ({ ...prev, page: next > 1 ? next : undefined }) }),
            }}
          />
        )}
      </QueryState>
    </div>
  );
}
