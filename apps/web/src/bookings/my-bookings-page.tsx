import { QueryState, useTRPC } from '@fareway/api-client';
import { formatDateTime, formatMoney, Link, Pager, SelectField, useRouter } from '@fareway/ui';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { SignInGate } from '../lib/sign-in-gate';
import { BOOKING_STATUS_OPTIONS, type BookingStatus, BookingStatusBadge } from './booking-status';

const PAGE_SIZE = 20;

/** "My bookings": rentals and seats together, newest first, filtered by status. */
export function MyBookingsPage() {
  return (
    <div className="web-page">
      <h1 className="fw-page-title">My bookings</h1>
      <SignInGate reason="Sign in to see your bookings.">{() => <BookingList />}</SignInGate>
    </div>
  );
}

function BookingList() {
  const trpc = useTRPC();
  const { search, navigate } = useRouter();
  const statusParam = search.get('status');
  const status = BOOKING_STATUS_OPTIONS.some((o) => o.value === statusParam) ? (statusParam as BookingStatus) : undefined;
  const page = Math.max(1, Number(search.get('page') ?? '1') || 1);
  const bookings = useQuery(trpc.bookings.list.queryOptions({ status, page, limit: PAGE_SIZE }, { placeholderData: keepPreviousData }));

  function go(next: { status?: BookingStatus | undefined; page?: number }) {
    const params = new URLSearchParams();
    if (next.status) params.set('status', next.status);
    if (next.page && next.page > 1) params.set('page', String(next.page));
    const query = params.toString();
    navigate(query ? `/bookings?${query}` : '/bookings');
  }

  return (
    <div className="fw-stack">
      <div className="web-filter">
        <SelectField
          label="Show"
          name="status"
          value={status ?? ''}
          options={[{ value: '', label: 'All bookings' }, ...BOOKING_STATUS_OPTIONS]}
          onChange={(e) => go({ status: (e.target.value || undefined) as BookingStatus | undefined })}
        />
      </div>
      <QueryState
        query={bookings}
        what="your bookings"
        isEmpty={(data) => data.items.length === 0}
        empty={
          <p>
            {status ? 'No bookings with that status.' : 'No bookings yet.'} <Link to="/cars">Rent a car</Link> or{' '}
            <Link to="/bus">find a bus seat</Link>.
          </p>
        }
      >
        {(data) => (
          <>
            <div className="fw-table-wrap">
              <table className="fw-table">
                <thead>
                  <tr>
                    <th scope="col">Booking</th>
                    <th scope="col">When</th>
                    <th scope="col">Status</th>
                    <th scope="col" className="fw-num">
                      Total
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((booking) => (
                    <tr key={booking.id}>
                      <td>
                        <Link to={`/bookings/${booking.id}`}>
                          {booking.kind === 'rental'
                            ? 'Car rental'
                            : `${booking.seats.length} bus ${booking.seats.length === 1 ? 'seat' : 'seats'}`}
                        </Link>
                        {booking.seats.length > 0 ? (
                          <span className="fw-muted"> · {booking.seats.map((s) => s.seatNo).join(', ')}</span>
                        ) : null}
                      </td>
                      <td>
                        {formatDateTime(booking.startDate)}
                        <span className="fw-muted"> → {formatDateTime(booking.endDate)}</span>
                      </td>
                      <td>
                        <BookingStatusBadge status={booking.status} />
                        {booking.status === 'cancelled' && booking.refundDueMinor ? (
                          <div className="fw-muted web-hint">Refund {formatMoney(booking.refundDueMinor, booking.currency)}</div>
                        ) : null}
                      </td>
                      <td className="fw-num">{formatMoney(booking.totalMinor, booking.currency)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Pager
              page={data.meta.page}
              limit={data.meta.limit}
              total={data.meta.total}
              busy={bookings.isFetching}
              onPage={(next) => go({ status, page: next })}
            />
          </>
        )}
      </QueryState>
    </div>
  );
}
