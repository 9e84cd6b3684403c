import { QueryState, useTRPC } from '@fareway/api-client';
import { type ColumnDef, DataTable, formatDateTime, formatMoney, SelectField, sortingFromParam, sortingToParam } from '@fareway/ui';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import type { TFunction } from 'i18next';
import { useMemo } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { SignInGate } from '../lib/sign-in-gate';
import { type Booking, type BookingStatus, BookingStatusBadge, useBookingStatusOptions } from './booking-status';

const PAGE_SIZE = 20;
const route = getRouteApi('/bookings');

/** "My bookings": rentals and seats together, newest first, filtered by status. */
export function MyBookingsPage() {
  const { t } = useTranslation('bookings');
  return (
    <div className="web-page">
      <h1 className="fw-page-title">{t('list.title')}</h1>
      <SignInGate reason={t('list.signIn')}>{() => <BookingList />}</SignInGate>
    </div>
  );
}

/** What a booking is, in a few words: "Car rental", "2 bus seats · 3A, 3B". */
export function bookingTitle(booking: Pick<Booking, 'kind' | 'seats'>, t: TFunction<'bookings'>): string {
  if (booking.kind === 'rental') return t('title.rental');
  return t('title.seats', { count: booking.seats.length });
}

const bookingColumns = (t: TFunction<'bookings'>): Array<ColumnDef<Booking, unknown>> => [
  {
    id: 'booking',
    header: t('list.columns.booking'),
    enableSorting: false,
    enableHiding: false,
    cell: ({ row: { original: b } }) => (
      <span>
        <Link to="/bookings/$id" params={{ id: b.id }}>
          {bookingTitle(b, t)}
        </Link>
        {b.seats.length > 0 ? <span className="fw-muted"> · {b.seats.map((s) => s.seatNo).join(', ')}</span> : null}
      </span>
    ),
  },
  {
    id: 'startDate',
    header: t('list.columns.when'),
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
    header: t('list.columns.status'),
    accessorFn: (b) => b.status,
    cell: ({ row: { original: b } }) => (
      <span>
        <BookingStatusBadge status={b.status} />
        {b.status === 'cancelled' && b.refundDueMinor ? (
          <span className="fw-muted web-hint"> {t('list.refund', { amount: formatMoney(b.refundDueMinor, b.currency) })}</span>
        ) : null}
      </span>
    ),
  },
  {
    id: 'total',
    header: t('list.columns.total'),
    accessorFn: (b) => b.totalMinor,
    meta: { numeric: true },
    cell: ({ row: { original: b } }) => formatMoney(b.totalMinor, b.currency),
  },
  {
    id: 'createdAt',
    header: t('list.columns.booked'),
    accessorFn: (b) => b.createdAt,
    cell: ({ row: { original: b } }) => formatDateTime(b.createdAt, b.timeZone),
  },
];

function BookingList() {
  const { t, i18n } = useTranslation(['bookings', 'common']);
  const columns = useMemo(() => bookingColumns(t), [t, i18n.resolvedLanguage]);
  const statusOptions = useBookingStatusOptions();
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
          label={t('list.show')}
          name="status"
          value={search.status ?? ''}
          options={[{ value: '', label: t('list.all') }, ...statusOptions]}
          onChange={(e) => void navigate({ search: { status: (e.target.value || undefined) as BookingStatus | undefined } })}
        />
      </div>
      <QueryState
        query={bookings}
        what={t('list.what')}
        isEmpty={(data) => data.items.length === 0}
        empty={
          <p>
            {search.status ? t('list.noneWithStatus') : t('list.none')}{' '}
            <Trans t={t} i18nKey="list.findMore" components={{ cars: <Link to="/cars" />, bus: <Link to="/bus" /> }} />
          </p>
        }
      >
        {(data) => (
          <DataTable
            label={t('list.label')}
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
