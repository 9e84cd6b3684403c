import { useProblem, useTRPC } from '@fareway/api-client';
import { refundOnCancel } from '@fareway/domain';
import { Alert, Button, Card, formatDateTime, formatMoney, ProblemAlert, StatusBadge, TextField } from '@fareway/ui';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import type { Booking } from './booking-status';
import { RefundChoice, type RefundTo } from './refund-choice';

/** Where a booking's card payment attempt is remembered between leaving for the gateway and coming back. */
const lastPaymentKey = (bookingId: string) => `fareway.payment.${bookingId}`;

export function rememberPayment(bookingId: string, paymentId: string): void {
  try {
    sessionStorage.setItem(lastPaymentKey(bookingId), paymentId);
  } catch {
    // Storage refused (private mode): the booking page simply cannot show the last attempt.
  }
}

function rememberedPayment(bookingId: string): string | null {
  try {
    return sessionStorage.getItem(lastPaymentKey(bookingId));
  } catch {
    return null;
  }
}

/**
 * The last card payment of an unpaid booking, when it failed: the gateway sent
 * the browser back here, so say plainly what happened and what to do next.
 */
export function DeclinedPayment({ booking }: { booking: Booking }) {
  const trpc = useTRPC();
  const paymentId = rememberedPayment(booking.id);
  const payment = useQuery(
    trpc.payments.get.queryOptions(
      { id: paymentId ?? '' },
      {
        enabled: paymentId !== null && booking.status === 'pending',
        // Until the gateway's answer is in, look again every two seconds.
        refetchInterval: (query) => (['initiated', 'pending'].includes(query.state.data?.status ?? 'initiated') ? 2_000 : false),
      },
    ),
  );
  if (!payment.data || booking.status !== 'pending') return null;
  if (payment.data.status === 'failed')
    return (
      <Alert title="Your payment was declined">
        <p>Nothing was charged. Try again with the Pay button, pay from your wallet, or use another card — your hold still counts down.</p>
      </Alert>
    );
  if (payment.data.status === 'initiated' || payment.data.status === 'pending')
    return (
      <Alert variant="info" title="Waiting for the payment provider">
        <p role="status">We are waiting for the provider to confirm your payment; this page updates by itself.</p>
      </Alert>
    );
  return null;
}

/** A hold that ran out: nothing was paid; hold the same car or seats again in one tap, or search again. */
export function HoldAgain({ booking }: { booking: Booking }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const onHeld = (held: Booking) => {
    queryClient.setQueryData(trpc.bookings.get.queryKey({ id: held.id }), held);
    void queryClient.invalidateQueries(trpc.bookings.list.pathFilter());
    void navigate({ to: '/bookings/$id', params: { id: held.id } });
  };
  const rental = useMutation(trpc.bookings.create.mutationOptions({ onSuccess: onHeld }));
  const seats = useMutation(trpc.bookings.reserve.mutationOptions({ onSuccess: onHeld }));
  const problem = useProblem(rental.error ?? seats.error);
  const busy = rental.isPending || seats.isPending;

  function holdAgain() {
    if (booking.kind === 'rental' && booking.vehicleId)
      rental.mutate({
        vehicleId: booking.vehicleId,
        startDate: booking.startDate,
        endDate: booking.endDate,
        pickupLocation: booking.pickupLocation ?? undefined,
      });
    else if (booking.tripId)
      seats.mutate({
        tripId: booking.tripId,
        seatNumbers: booking.seats.map((s) => s.seatNo),
        fromStop: booking.fromStop ?? undefined,
        toStop: booking.toStop ?? undefined,
      });
  }

  return (
    <Alert title="Your hold has run out">
      <p>Nothing was paid and nothing was charged. If it is still free you can hold it again now.</p>
      {problem ? (
        <ProblemAlert title="Could not hold it again" problem={problem}>
          <p>
            {booking.kind === 'rental' ? (
              <Link to="/cars">Search for another car</Link>
            ) : booking.tripId ? (
              <Link
                to="/bus/trips/$id"
                params={{ id: booking.tripId }}
                search={{ from: booking.fromStop ?? 0, to: booking.toStop ?? undefined }}
              >
                Choose other seats on this trip
              </Link>
            ) : (
              <Link to="/bus">Find another trip</Link>
            )}
          </p>
        </ProblemAlert>
      ) : null}
      <div className="fw-form__actions">
        <Button busy={busy} busyLabel="Holding…" onClick={holdAgain}>
          Hold again
        </Button>
      </div>
    </Alert>
  );
}

const REFUND_LOOK = {
  pending: { variant: 'warn', label: 'Refund pending' },
  succeeded: { variant: 'ok', label: 'Refunded' },
  failed: { variant: 'down', label: 'Refund failed' },
} as const;

/** After cancelling: what is owed back, and each refund's state as the payments work moves it. */
export function CancelledSummary({ booking }: { booking: Booking }) {
  const due = booking.refundDueMinor ?? 0;
  return (
    <Alert variant="info" title="Cancelled">
      <p>
        {booking.cancelledAt ? `Cancelled ${formatDateTime(booking.cancelledAt, booking.timeZone)}.` : null}
        {booking.cancellationReason ? ` Reason: ${booking.cancellationReason}.` : null}
      </p>
      {booking.paidMinor === 0 ? (
        <p>Nothing was paid, so nothing is refunded.</p>
      ) : due === 0 ? (
        <p>The cancellation policy refunds nothing this close to the start.</p>
      ) : booking.refunds.length === 0 ? (
        <p role="status">
          Refund of <strong data-testid="refund-due">{formatMoney(due, booking.currency)}</strong> being prepared…
        </p>
      ) : (
        <ul className="web-refunds" aria-live="polite">
          {booking.refunds.map((refund) => {
            const look = REFUND_LOOK[refund.status];
            return (
              <li key={refund.id} data-testid="refund">
                <StatusBadge variant={look.variant}>{look.label}</StatusBadge>{' '}
                <strong>{formatMoney(refund.amountMinor, refund.currency)}</strong>{' '}
                {refund.destination === 'wallet' ? 'to your Fareway wallet' : 'to the card you paid with'}
                {refund.status === 'succeeded' && refund.completedAt ? ` · ${formatDateTime(refund.completedAt, booking.timeZone)}` : null}
                {refund.status === 'failed' ? ' · we will try again; contact support if it does not arrive.' : null}
              </li>
            );
          })}
        </ul>
      )}
    </Alert>
  );
}

/** What cancelling now would refund, from the policy snapshotted when booked (the server computes the same at cancel time). */
export function refundPreview(booking: Booking, now = new Date()): number {
  if (booking.paidMinor <= 0) return 0;
  return refundOnCancel(booking.cancellationPolicy, booking.paidMinor, now, new Date(booking.startDate), 'customer');
}

/** The cancel card: the refund shown before confirming, then the cancellation. */
export function CancelPanel({ booking }: { booking: Booking }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const [refundTo, setRefundTo] = useState<RefundTo>('original');
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
  const refund = refundPreview(booking);

  return (
    <Card title="Cancel">
      {asking ? (
        <form
          className="fw-form"
          onSubmit={(event) => {
            event.preventDefault();
            if (!cancel.isPending)
              cancel.mutate({ id: booking.id, reason: reason.trim() || undefined, ...(refundTo === 'wallet' ? { refundTo } : {}) });
          }}
        >
          <p data-testid="refund-preview">
            {booking.status === 'pending' || booking.paidMinor === 0 ? (
              'Nothing has been paid yet; cancelling releases the hold at once.'
            ) : refund > 0 ? (
              <>
                You get <strong>{formatMoney(refund, booking.currency)}</strong> back
                {refund < booking.paidMinor ? ` of the ${formatMoney(booking.paidMinor, booking.currency)} you paid` : ', all you paid'},
                the way you paid (to your card, or to your wallet if you paid from it).
              </>
            ) : (
              `This close to the start the policy refunds nothing of the ${formatMoney(booking.paidMinor, booking.currency)} you paid.`
            )}
          </p>
          <RefundChoice booking={booking} refund={refund} value={refundTo} onChange={setRefundTo} />
          <TextField label="Reason (optional)" name="reason" maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
          {problem ? <ProblemAlert title="Could not cancel" problem={problem} /> : null}
          <div className="fw-form__actions">
            <Button type="submit" busy={cancel.isPending} busyLabel="Cancelling…">
              Yes, cancel the booking
            </Button>
            <Button variant="secondary" onClick={() => setAsking(false)}>
              Keep it
            </Button>
          </div>
        </form>
      ) : (
        <div className="fw-stack">
          <p className="fw-muted web-hint">
            {booking.status === 'confirmed' && booking.paidMinor > 0
              ? `Cancelling now refunds ${formatMoney(refund, booking.currency)}.`
              : 'Changed your plans? You can cancel while the booking is unpaid or confirmed.'}
          </p>
          <Button variant="secondary" onClick={() => setAsking(true)}>
            Cancel booking
          </Button>
        </div>
      )}
    </Card>
  );
}
