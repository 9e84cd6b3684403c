import { useProblem, useTRPC } from '@fareway/api-client';
import { refundOnCancel } from '@fareway/domain';
import { Alert, Button, Card, formatDateTime, formatMoney, ProblemAlert, StatusBadge, TextField } from '@fareway/ui';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
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
  const { t } = useTranslation('bookings');
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
      <Alert title={t('declined.title')}>
        <p>{t('declined.body')}</p>
      </Alert>
    );
  if (payment.data.status === 'initiated' || payment.data.status === 'pending')
    return (
      <Alert variant="info" title={t('declined.waitingTitle')}>
        <p role="status">{t('declined.waiting')}</p>
      </Alert>
    );
  return null;
}

/** A hold that ran out: nothing was paid; hold the same car or seats again in one tap, or search again. */
export function HoldAgain({ booking }: { booking: Booking }) {
  const { t } = useTranslation('bookings');
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
    <Alert title={t('holdAgain.title')}>
      <p>{t('holdAgain.body')}</p>
      {problem ? (
        <ProblemAlert title={t('holdAgain.failed')} problem={problem}>
          <p>
            {booking.kind === 'rental' ? (
              <Link to="/cars">{t('holdAgain.anotherCar')}</Link>
            ) : booking.tripId ? (
              <Link
                to="/bus/trips/$id"
                params={{ id: booking.tripId }}
                search={{ from: booking.fromStop ?? 0, to: booking.toStop ?? undefined }}
              >
                {t('holdAgain.otherSeats')}
              </Link>
            ) : (
              <Link to="/bus">{t('holdAgain.anotherTrip')}</Link>
            )}
          </p>
        </ProblemAlert>
      ) : null}
      <div className="fw-form__actions">
        <Button busy={busy} busyLabel={t('holdAgain.holding')} onClick={holdAgain}>
          {t('holdAgain.hold')}
        </Button>
      </div>
    </Alert>
  );
}

const REFUND_VARIANT = { pending: 'warn', succeeded: 'ok', failed: 'down' } as const;

/** After cancelling: what is owed back, and each refund's state as the payments work moves it. */
export function CancelledSummary({ booking }: { booking: Booking }) {
  const { t } = useTranslation('bookings');
  const due = booking.refundDueMinor ?? 0;
  return (
    <Alert variant="info" title={t('cancelled.title')}>
      <p>
        {booking.cancelledAt ? t('cancelled.at', { when: formatDateTime(booking.cancelledAt, booking.timeZone) }) : null}
        {booking.cancellationReason ? ` ${t('cancelled.reason', { reason: booking.cancellationReason })}` : null}
      </p>
      {booking.paidMinor === 0 ? (
        <p>{t('cancelled.nothingPaid')}</p>
      ) : due === 0 ? (
        <p>{t('cancelled.policyNothing')}</p>
      ) : booking.refunds.length === 0 ? (
        <p role="status">
          <Trans
            t={t}
            i18nKey="cancelled.preparing"
            values={{ amount: formatMoney(due, booking.currency) }}
            components={{ amount: <strong data-testid="refund-due" /> }}
          />
        </p>
      ) : (
        <ul className="web-refunds" aria-live="polite">
          {booking.refunds.map((refund) => {
            return (
              <li key={refund.id} data-testid="refund">
                <StatusBadge variant={REFUND_VARIANT[refund.status]}>{t(`refund.${refund.status}`)}</StatusBadge>{' '}
                <strong>{formatMoney(refund.amountMinor, refund.currency)}</strong>{' '}
                {refund.destination === 'wallet' ? t('refund.toWallet') : t('refund.toCard')}
                {refund.status === 'succeeded' && refund.completedAt ? ` · ${formatDateTime(refund.completedAt, booking.timeZone)}` : null}
                {refund.status === 'failed' ? ` · ${t('refund.willRetry')}` : null}
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
  const { t } = useTranslation('bookings');
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
    <Card title={t('cancel.title')}>
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
              t('cancel.unpaid')
            ) : refund > 0 ? (
              <Trans
                t={t}
                i18nKey={
                  // Chosen to keep it in the wallet: say so, not "the way you paid".
                  refundTo === 'wallet'
                    ? refund < booking.paidMinor
                      ? 'cancel.refundPartWallet'
                      : 'cancel.refundAllWallet'
                    : refund < booking.paidMinor
                      ? 'cancel.refundPart'
                      : 'cancel.refundAll'
                }
                values={{ amount: formatMoney(refund, booking.currency), paid: formatMoney(booking.paidMinor, booking.currency) }}
                components={{ amount: <strong /> }}
              />
            ) : (
              t('cancel.refundNothing', { paid: formatMoney(booking.paidMinor, booking.currency) })
            )}
          </p>
          <RefundChoice booking={booking} refund={refund} value={refundTo} onChange={setRefundTo} />
          <TextField label={t('cancel.reason')} name="reason" maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
          {problem ? <ProblemAlert title={t('cancel.failed')} problem={problem} /> : null}
          <div className="fw-form__actions">
            <Button type="submit" busy={cancel.isPending} busyLabel={t('cancel.cancelling')}>
              {t('cancel.confirm')}
            </Button>
            <Button variant="secondary" onClick={() => setAsking(false)}>
              {t('cancel.keep')}
            </Button>
          </div>
        </form>
      ) : (
        <div className="fw-stack">
          <p className="fw-muted web-hint">
            {booking.status === 'confirmed' && booking.paidMinor > 0
              ? t('cancel.refundsNow', { amount: formatMoney(refund, booking.currency) })
              : t('cancel.changedPlans')}
          </p>
          <Button variant="secondary" onClick={() => setAsking(true)}>
            {t('cancel.open')}
          </Button>
        </div>
      )}
    </Card>
  );
}
