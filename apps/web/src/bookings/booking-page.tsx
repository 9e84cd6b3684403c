import { QueryState, useProblem, useTRPC } from '@fareway/api-client';
import {
  Alert,
  Button,
  Card,
  Fact,
  Facts,
  formatClock,
  formatDateTime,
  formatMoney,
  humanize,
  Link,
  ProblemAlert,
  TextField,
  useCountdown,
  useRetryWait,
} from '@fareway/ui';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { SignInGate } from '../lib/sign-in-gate';
import { openCheckout } from '../payments/open-checkout';
import { vehicleName } from '../rentals/car-search-page';
import { type Booking, BookingStatusBadge } from './booking-status';

/** One booking: what was booked, the hold's countdown, Pay and Cancel, lines, seats and any refund due. */
export function BookingPage({ id }: { id: string }) {
  return (
    <div className="web-page">
      <Link to="/bookings" className="fw-back">
        ← My bookings
      </Link>
      <SignInGate reason="Sign in to see this booking.">{() => <BookingLoader id={id} />}</SignInGate>
    </div>
  );
}

function BookingLoader({ id }: { id: string }) {
  const trpc = useTRPC();
  const booking = useQuery(
    trpc.bookings.get.queryOptions(
      { id },
      // While unpaid, look again every few seconds: a payment or the hold's expiry changes it from elsewhere.
      { refetchInterval: (query) => (query.state.data?.status === 'pending' ? 5_000 : false) },
    ),
  );
  return (
    <QueryState query={booking} what="the booking">
      {(b) => <BookingView booking={b} />}
    </QueryState>
  );
}

/** Where and when: the car, or the trip and its leg, in the inventory's own time zone. */
function useSubject(booking: Booking) {
  const trpc = useTRPC();
  const vehicle = useQuery(trpc.vehicles.get.queryOptions({ id: booking.vehicleId ?? '' }, { enabled: booking.vehicleId !== null }));
  const trip = useQuery(trpc.trips.get.queryOptions({ id: booking.tripId ?? '' }, { enabled: booking.tripId !== null }));
  if (booking.kind === 'rental') {
    return {
      title: vehicle.data ? vehicleName(vehicle.data) : 'Car rental',
      timeZone: vehicle.data?.timeZone,
      where: vehicle.data?.city ?? null,
    };
  }
  const stops = trip.data?.stops;
  const from = booking.fromStop === null ? undefined : stops?.[booking.fromStop];
  const to = booking.toStop === null ? undefined : stops?.[booking.toStop];
  return {
    title: trip.data ? `${trip.data.routeName} · ${trip.data.operator.name}` : 'Bus seats',
    timeZone: trip.data?.timeZone,
    where: from && to ? `${from.name} → ${to.name}` : null,
  };
}

function BookingView({ booking }: { booking: Booking }) {
  const subject = useSubject(booking);
  const deadline = booking.status === 'pending' && booking.expiresAt ? Date.parse(booking.expiresAt) : null;
  const left = useCountdown(deadline);
  const lapsed = deadline !== null && left === 0;
  const queryClient = useQueryClient();
  const trpc = useTRPC();

  // The hold ran out on screen: ask the server, which has the final word (a payment may have landed just in time).
  useEffect(() => {
    if (lapsed) void queryClient.invalidateQueries(trpc.bookings.get.queryFilter({ id: booking.id }));
  }, [lapsed, queryClient, trpc, booking.id]);

  return (
    <div className="web-booking">
      <div className="web-booking__head">
        <h1 className="fw-page-title">{subject.title}</h1>
        <BookingStatusBadge status={booking.status} />
      </div>

      {deadline !== null ? (
        lapsed ? (
          <Alert title="The hold has lapsed">
            <p>We could not keep it any longer without a payment. Search again to book.</p>
          </Alert>
        ) : (
          <div className="web-hold" role="timer" aria-live="off" data-testid="hold-countdown">
            <span>Held for you for</span> <strong className="web-hold__clock">{formatClock(left)}</strong>
            <span className="fw-muted"> · pay before {formatDateTime(booking.expiresAt ?? '', subject.timeZone)}</span>
          </div>
        )
      ) : null}

      {booking.status === 'cancelled' ? (
        <Alert variant="info" title="Cancelled">
          <p>
            {booking.cancelledAt ? `Cancelled ${formatDateTime(booking.cancelledAt)}.` : null}
            {booking.cancellationReason ? ` Reason: ${booking.cancellationReason}.` : null}
          </p>
          <p>
            Refund due: <strong data-testid="refund-due">{formatMoney(booking.refundDueMinor ?? 0, booking.currency)}</strong>
            {booking.paidMinor > 0 ? ` of ${formatMoney(booking.paidMinor, booking.currency)} paid` : ' (nothing was paid)'}
          </p>
        </Alert>
      ) : null}

      <div className="web-detail">
        <div className="web-detail__main fw-stack">
          <Card title="Details">
            <Facts>
              <Fact label="Booking">
                <code className="fw-tag">{booking.id}</code>
              </Fact>
              <Fact label={booking.kind === 'rental' ? 'Car' : 'Trip'}>{subject.title}</Fact>
              {subject.where ? <Fact label={booking.kind === 'rental' ? 'City' : 'Leg'}>{subject.where}</Fact> : null}
              <Fact label={booking.kind === 'rental' ? 'Pick-up' : 'Departs'}>{formatDateTime(booking.startDate, subject.timeZone)}</Fact>
              <Fact label={booking.kind === 'rental' ? 'Return' : 'Arrives'}>{formatDateTime(booking.endDate, subject.timeZone)}</Fact>
              {booking.pickupLocation ? <Fact label="Pick-up place">{booking.pickupLocation}</Fact> : null}
              <Fact label="Total">
                <strong>{formatMoney(booking.totalMinor, booking.currency)}</strong>
              </Fact>
              <Fact label="Paid">{formatMoney(booking.paidMinor, booking.currency)}</Fact>
              {booking.confirmedAt ? <Fact label="Confirmed">{formatDateTime(booking.confirmedAt)}</Fact> : null}
              <Fact label="Booked">{formatDateTime(booking.createdAt)}</Fact>
            </Facts>
          </Card>

          {booking.seats.length > 0 ? (
            <Card title="Seats">
              <ul className="web-seat-list">
                {booking.seats.map((seat) => (
                  <li key={seat.seatNo}>
                    <strong>{seat.seatNo}</strong> {seat.passengerName ? `· ${seat.passengerName}` : null}{' '}
                    <span className="fw-muted">{formatMoney(seat.fareMinor, booking.currency)}</span>
                  </li>
                ))}
              </ul>
            </Card>
          ) : null}

          <Card title="Price">
            <div className="fw-table-wrap">
              <table className="fw-table">
                <thead>
                  <tr>
                    <th scope="col">Item</th>
                    <th scope="col" className="fw-num">
                      Qty
                    </th>
                    <th scope="col" className="fw-num">
                      Each
                    </th>
                    <th scope="col" className="fw-num">
                      Amount
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {booking.lines.map((line, index) => (
                    // Lines have no id of their own; their order is the booking's and never changes.
                    <tr key={`${index}:${line.kind}`}>
                      <td>
                        {line.description}
                        {line.kind !== 'rental' && line.kind !== 'seat' ? <span className="fw-muted"> · {humanize(line.kind)}</span> : null}
                      </td>
                      <td className="fw-num">{line.quantity}</td>
                      <td className="fw-num">{formatMoney(line.unitMinor, booking.currency)}</td>
                      <td className="fw-num">{formatMoney(line.amountMinor, booking.currency)}</td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr>
                    <td colSpan={3}>Total</td>
                    <td className="fw-num">{formatMoney(booking.totalMinor, booking.currency)}</td>
                  </tr>
                </tfoot>
              </table>
            </div>
          </Card>
        </div>

        <div className="web-detail__side fw-stack">
          {booking.status === 'pending' && !lapsed ? <PayPanel booking={booking} /> : null}
          {booking.status === 'pending' || booking.status === 'confirmed' ? <CancelPanel booking={booking} /> : null}
        </div>
      </div>
    </div>
  );
}

function PayPanel({ booking }: { booking: Booking }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [openProblem, setOpenProblem] = useState<string | null>(null);
  const wallet = useQuery(trpc.wallet.get.queryOptions());

  const initiate = useMutation(
    trpc.payments.initiate.mutationOptions({
      onSuccess: (payment) => setOpenProblem(openCheckout(payment.checkout)),
    }),
  );
  const payFromWallet = useMutation(
    trpc.payments.process.mutationOptions({
      onSuccess: async () => {
        await Promise.all([
          queryClient.invalidateQueries(trpc.bookings.pathFilter()),
          queryClient.invalidateQueries(trpc.wallet.pathFilter()),
        ]);
      },
    }),
  );
  const initiateProblem = useProblem(initiate.error);
  const walletProblem = useProblem(payFromWallet.error);
  const initiateWait = useRetryWait(initiateProblem);
  const walletWait = useRetryWait(walletProblem);

  const balance = wallet.data && wallet.data.currency === booking.currency ? wallet.data.balanceMinor : null;
  const short = balance !== null && balance < booking.totalMinor;
  const busy = initiate.isPending || payFromWallet.isPending || (initiate.isSuccess && openProblem === null);

  return (
    <Card title="Pay">
      <div className="fw-stack">
        <p className="web-price">
          <strong>{formatMoney(booking.totalMinor, booking.currency)}</strong>
        </p>
        {initiateProblem ? <ProblemAlert title="Could not start the payment" problem={initiateProblem} /> : null}
        {openProblem ? <Alert>{openProblem}</Alert> : null}
        <Button
          busy={initiate.isPending || (initiate.isSuccess && openProblem === null)}
          busyLabel="Opening the payment page…"
          disabled={busy || initiateWait > 0}
          onClick={() => {
            setOpenProblem(null);
            initiate.mutate({ bookingId: booking.id, provider: 'sandbox' });
          }}
        >
          Pay {formatMoney(booking.totalMinor, booking.currency)}
        </Button>
        <p className="fw-muted web-hint">Card payments open the payment page (the sandbox gateway in this demo).</p>

        {walletProblem ? (
          <ProblemAlert title="Could not pay from the wallet" problem={walletProblem}>
            {walletProblem.code === 'INSUFFICIENT_BALANCE' ? (
              <p>
                <Link to="/wallet">Top up your wallet</Link>, then come back.
              </p>
            ) : null}
          </ProblemAlert>
        ) : null}
        <Button
          variant="secondary"
          busy={payFromWallet.isPending}
          busyLabel="Paying…"
          disabled={busy || short || walletWait > 0}
          onClick={() => payFromWallet.mutate({ bookingId: booking.id, method: 'wallet' })}
        >
          Pay from wallet
        </Button>
        <p className="fw-muted web-hint">
          {wallet.isPending
            ? 'Checking your wallet…'
            : wallet.error
              ? `Wallet balance unavailable: ${wallet.error.message}`
              : balance === null
                ? `Your wallet holds ${wallet.data ? wallet.data.currency : 'another currency'}, not ${booking.currency}.`
                : `Wallet balance ${formatMoney(balance, booking.currency)}${short ? ' — not enough; top up first.' : ''}`}
        </p>
      </div>
    </Card>
  );
}

function CancelPanel({ booking }: { booking: Booking }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const cancel = useMutation(
    trpc.bookings.cancel.mutationOptions({
      onSuccess: (cancelled) => {
        queryClient.setQueryData(trpc.bookings.get.queryKey({ id: cancelled.id }), cancelled);
        void queryClient.invalidateQueries(trpc.bookings.list.pathFilter());
        setAsking(false);
      },
    }),
  );
  const problem = useProblem(cancel.error);
  const wait = useRetryWait(problem);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (cancel.isPending || wait > 0) return;
    cancel.mutate({ id: booking.id, reason: reason.trim() || undefined });
  }

  return (
    <Card title="Cancel">
      {asking ? (
        <form className="fw-form" onSubmit={onSubmit}>
          <p>
            {booking.status === 'pending'
              ? 'Nothing has been paid yet; cancelling releases the hold at once.'
              : 'The refund follows the cancellation policy in force when you booked; you will see the amount right after.'}
          </p>
          <TextField label="Reason (optional)" name="reason" maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
          {problem ? <ProblemAlert title="Could not cancel" problem={problem} /> : null}
          <div className="fw-form__actions">
            <Button type="submit" busy={cancel.isPending} busyLabel="Cancelling…" disabled={wait > 0}>
              Yes, cancel the booking
            </Button>
            <Button variant="secondary" onClick={() => setAsking(false)}>
              Keep it
            </Button>
          </div>
        </form>
      ) : (
        <div className="fw-stack">
          <p className="fw-muted web-hint">Changed your plans? You can cancel while the booking is unpaid or confirmed.</p>
          <Button variant="secondary" onClick={() => setAsking(true)}>
            Cancel booking
          </Button>
        </div>
      )}
    </Card>
  );
}
