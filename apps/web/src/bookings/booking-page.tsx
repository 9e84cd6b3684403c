import { problemOf, QueryState, useProblem, useTRPC } from '@fareway/api-client';
import {
  Alert,
  Button,
  Card,
  type ColumnDef,
  DataTable,
  Fact,
  Facts,
  formatClock,
  formatDateTime,
  formatMoney,
  humanize,
  ProblemAlert,
  useCountdown,
  useRetryWait,
} from '@fareway/ui';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import type { TFunction } from 'i18next';
import { useEffect, useMemo, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { SignInGate } from '../lib/sign-in-gate';
import { type CheckoutProblem, openCheckout } from '../payments/open-checkout';
import { vehicleName } from '../rentals/car-search-page';
import { BookingDocuments } from '../tickets/booking-documents';
import { CancelledSummary, CancelPanel, DeclinedPayment, HoldAgain, rememberPayment } from './booking-panels';
import { type Booking, BookingStatusBadge } from './booking-status';

/** One booking: what was booked, the hold's countdown, Pay and Cancel, lines, seats and any refund due. */
const route = getRouteApi('/bookings/$id');

export function BookingPage() {
  const { t } = useTranslation('bookings');
  const { id } = route.useParams();
  return (
    <div className="web-page">
      <Link to="/bookings" className="fw-back">
        {t('page.back')}
      </Link>
      <SignInGate reason={t('page.signIn')}>{() => <BookingLoader id={id} />}</SignInGate>
    </div>
  );
}

function BookingLoader({ id }: { id: string }) {
  const { t } = useTranslation('bookings');
  const trpc = useTRPC();
  const booking = useQuery(
    trpc.bookings.get.queryOptions(
      { id },
      // While unpaid, or while a refund is on its way, look again every few seconds: payments and
      // refunds move it from elsewhere (webhooks, the worker), and the page shows it without a reload.
      { refetchInterval: (query) => (awaitsNews(query.state.data) ? 3_000 : false) },
    ),
  );
  return (
    <QueryState query={booking} what={t('page.what')}>
      {(b) => <BookingView booking={b} />}
    </QueryState>
  );
}

/** A booking whose state will change by itself soon: an unpaid hold, or a cancellation whose refund has not settled. */
function awaitsNews(booking: Booking | undefined): boolean {
  if (!booking) return false;
  if (booking.status === 'pending') return true;
  if (booking.status !== 'cancelled' || (booking.refundDueMinor ?? 0) === 0) return false;
  return booking.refunds.length === 0 || booking.refunds.some((r) => r.status === 'pending');
}

/** Where and when: the car, or the trip and its leg, in the inventory's own time zone. */
function useSubject(booking: Booking) {
  const { t } = useTranslation('bookings');
  const trpc = useTRPC();
  const vehicle = useQuery(trpc.vehicles.get.queryOptions({ id: booking.vehicleId ?? '' }, { enabled: booking.vehicleId !== null }));
  const trip = useQuery(trpc.trips.get.queryOptions({ id: booking.tripId ?? '' }, { enabled: booking.tripId !== null }));
  if (booking.kind === 'rental') {
    return {
      title: vehicle.data ? vehicleName(vehicle.data) : t('title.rental'),
      where: vehicle.data?.city ?? null,
    };
  }
  const stops = trip.data?.stops;
  const from = booking.fromStop === null ? undefined : stops?.[booking.fromStop];
  const to = booking.toStop === null ? undefined : stops?.[booking.toStop];
  return {
    title: trip.data ? `${trip.data.routeName} · ${trip.data.operator.name}` : t('title.busSeats'),
    where: from && to ? `${from.name} → ${to.name}` : null,
  };
}

type Line = Booking['lines'][number];

/** The price lines of a booking; lines have no id of their own, their order is the booking's and never changes. */
function lineColumns(currency: string, t: TFunction<'bookings'>): Array<ColumnDef<Line, unknown>> {
  return [
    {
      id: 'item',
      header: t('page.lines.item'),
      cell: ({ row: { original: line } }) => (
        <span>
          {line.description}
          {line.kind !== 'rental' && line.kind !== 'seat' ? <span className="fw-muted"> · {humanize(line.kind)}</span> : null}
        </span>
      ),
    },
    { id: 'quantity', header: t('page.lines.qty'), meta: { numeric: true }, accessorFn: (line) => line.quantity },
    {
      id: 'unit',
      header: t('page.lines.each'),
      meta: { numeric: true },
      cell: ({ row: { original: line } }) => formatMoney(line.unitMinor, currency),
    },
    {
      id: 'amount',
      header: t('page.lines.amount'),
      meta: { numeric: true },
      cell: ({ row: { original: line } }) => formatMoney(line.amountMinor, currency),
    },
  ];
}

function BookingView({ booking }: { booking: Booking }) {
  const { t, i18n } = useTranslation('bookings');
  const columns = useMemo(() => lineColumns(booking.currency, t), [booking.currency, t, i18n.resolvedLanguage]);
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

      {deadline !== null && !lapsed ? (
        <div className="web-hold" role="timer" aria-live="off" data-testid="hold-countdown">
          <span>{t('page.heldFor')}</span> <strong className="web-hold__clock">{formatClock(left)}</strong>
          <span className="fw-muted"> · {t('page.payBefore', { when: formatDateTime(booking.expiresAt ?? '', booking.timeZone) })}</span>
        </div>
      ) : null}
      {lapsed || booking.status === 'expired' ? <HoldAgain booking={booking} /> : null}
      {booking.status === 'pending' && !lapsed ? <DeclinedPayment booking={booking} /> : null}
      {booking.status === 'cancelled' ? <CancelledSummary booking={booking} /> : null}

      <div className="web-detail">
        <div className="web-detail__main fw-stack">
          <Card title={t('page.details')}>
            <Facts>
              <Fact label={t('page.facts.booking')}>
                <code className="fw-tag">{booking.id}</code>
              </Fact>
              <Fact label={booking.kind === 'rental' ? t('page.facts.car') : t('page.facts.trip')}>{subject.title}</Fact>
              {subject.where ? (
                <Fact label={booking.kind === 'rental' ? t('page.facts.city') : t('page.facts.leg')}>{subject.where}</Fact>
              ) : null}
              <Fact label={booking.kind === 'rental' ? t('page.facts.pickup') : t('page.facts.departs')}>
                <span data-testid="booking-start">{formatDateTime(booking.startDate, booking.timeZone)}</span>
              </Fact>
              <Fact label={booking.kind === 'rental' ? t('page.facts.return') : t('page.facts.arrives')}>
                {formatDateTime(booking.endDate, booking.timeZone)}
              </Fact>
              {booking.pickupLocation ? <Fact label={t('page.facts.pickupPlace')}>{booking.pickupLocation}</Fact> : null}
              <Fact label={t('page.facts.total')}>
                <strong>{formatMoney(booking.totalMinor, booking.currency)}</strong>
              </Fact>
              <Fact label={t('page.facts.paid')}>{formatMoney(booking.paidMinor, booking.currency)}</Fact>
              {booking.confirmedAt ? (
                <Fact label={t('page.facts.confirmed')}>{formatDateTime(booking.confirmedAt, booking.timeZone)}</Fact>
              ) : null}
              <Fact label={t('page.facts.booked')}>{formatDateTime(booking.createdAt, booking.timeZone)}</Fact>
            </Facts>
          </Card>

          {booking.seats.length > 0 ? (
            <Card title={t('page.seats')}>
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

          <Card title={t('page.price')}>
            <DataTable
              label={t('page.price')}
              data={booking.lines}
              columns={columns}
              getRowId={(line) => `${booking.lines.indexOf(line)}:${line.kind}`}
              footer={
                <tr>
                  <td colSpan={3}>{t('page.facts.total')}</td>
                  <td className="fw-num" data-label={t('page.facts.total')}>
                    {formatMoney(booking.totalMinor, booking.currency)}
                  </td>
                </tr>
              }
            />
          </Card>
        </div>

        <div className="web-detail__side fw-stack">
          <BookingDocuments booking={booking} />
          {booking.status === 'pending' && !lapsed ? <PayPanel booking={booking} /> : null}
          {booking.status === 'pending' || booking.status === 'confirmed' ? <CancelPanel booking={booking} /> : null}
        </div>
      </div>
    </div>
  );
}

function PayPanel({ booking }: { booking: Booking }) {
  const { t } = useTranslation(['bookings', 'payment']);
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [openProblem, setOpenProblem] = useState<CheckoutProblem | null>(null);
  const wallet = useQuery(trpc.wallet.get.queryOptions());

  const initiate = useMutation(
    trpc.payments.initiate.mutationOptions({
      onSuccess: (payment) => {
        rememberPayment(booking.id, payment.id);
        setOpenProblem(openCheckout(payment.checkout));
      },
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
    <Card title={t('pay.title')}>
      <div className="fw-stack">
        <p className="web-price">
          <strong>{formatMoney(booking.totalMinor, booking.currency)}</strong>
        </p>
        {initiateProblem ? <ProblemAlert title={t('pay.startFailed')} problem={initiateProblem} /> : null}
        {openProblem ? <Alert>{t(`payment:checkout.${openProblem}`)}</Alert> : null}
        <Button
          busy={initiate.isPending || (initiate.isSuccess && openProblem === null)}
          busyLabel={t('pay.opening')}
          disabled={busy || initiateWait > 0}
          onClick={() => {
            setOpenProblem(null);
            // The gateway sends the browser back to this booking, which shows how the payment went.
            const returnUrl = new URL(`${import.meta.env.BASE_URL}bookings/${booking.id}`, window.location.origin).href;
            initiate.mutate({ bookingId: booking.id, provider: 'sandbox', returnUrl });
          }}
        >
          {t('pay.pay', { amount: formatMoney(booking.totalMinor, booking.currency) })}
        </Button>
        <p className="fw-muted web-hint">{t('pay.cardHint')}</p>

        {walletProblem ? (
          <ProblemAlert title={t('pay.walletFailed')} problem={walletProblem}>
            {walletProblem.code === 'INSUFFICIENT_BALANCE' ? (
              <p>
                <Trans t={t} i18nKey="pay.topUpFirst" components={{ wallet: <Link to="/wallet" /> }} />
              </p>
            ) : null}
          </ProblemAlert>
        ) : null}
        <Button
          variant="secondary"
          busy={payFromWallet.isPending}
          busyLabel={t('pay.paying')}
          disabled={busy || short || walletWait > 0}
          onClick={() => payFromWallet.mutate({ bookingId: booking.id, method: 'wallet' })}
        >
          {t('pay.fromWallet')}
        </Button>
        <p className="fw-muted web-hint">
          {wallet.isPending
            ? t('pay.checkingWallet')
            : wallet.error
              ? t('pay.walletUnavailable', { error: problemOf(wallet.error)?.message ?? '' })
              : balance === null
                ? t('pay.otherCurrency', { held: wallet.data ? wallet.data.currency : '—', currency: booking.currency })
                : `${t('pay.balance', { amount: formatMoney(balance, booking.currency) })}${short ? t('pay.notEnough') : ''}`}
        </p>
      </div>
    </Card>
  );
}
