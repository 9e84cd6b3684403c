import { type RouterOutputs, useProblem, useTRPC } from '@fareway/api-client';
import {
  Button,
  Card,
  type ColumnDef,
  DataTable,
  Fact,
  Facts,
  formatDateTime,
  formatMoney,
  humanize,
  ProblemAlert,
  parseMajorUnits,
  StatusBadge,
  TextAreaField,
  TextField,
} from '@fareway/ui';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { ConfirmAction } from '../lib/confirm-action';
import { ActionsCard, DetailHead, DetailPage } from '../lib/detail-page';
import { PersonName } from '../lib/person';
import { bookingLook } from './looks';
import { MoneyHistory } from './money-history';
import { PaymentCard } from './payment-card';

type AdminBooking = RouterOutputs['admin']['bookings']['get'];
type Line = AdminBooking['booking']['lines'][number];

const route = getRouteApi('/bookings/$bookingId');

const lineColumns: Array<ColumnDef<Line & { currency: string }, unknown>> = [
  { id: 'description', header: 'Line', cell: ({ row: { original: l } }) => l.description },
  { id: 'quantity', header: 'Quantity', meta: { numeric: true }, cell: ({ row: { original: l } }) => l.quantity },
  { id: 'unit', header: 'Unit price', meta: { numeric: true }, cell: ({ row: { original: l } }) => formatMoney(l.unitMinor, l.currency) },
  { id: 'amount', header: 'Amount', meta: { numeric: true }, cell: ({ row: { original: l } }) => formatMoney(l.amountMinor, l.currency) },
];

/** One booking: who, what, when (on its own wall clock), its money, its timeline; cancel or refund by hand. */
export function BookingPage() {
  const trpc = useTRPC();
  const { bookingId } = route.useParams();
  const booking = useQuery(trpc.admin.bookings.get.queryOptions({ id: bookingId }));
  return (
    <DetailPage back={{ to: '/bookings', label: 'Bookings' }} query={booking} what="the booking">
      {(data) => <BookingView data={data} />}
    </DetailPage>
  );
}

function BookingView({ data }: { data: AdminBooking }) {
  const { booking } = data;
  const zone = booking.timeZone;
  return (
    <div className="fw-stack">
      <DetailHead title={`${humanize(booking.kind)} booking ${booking.id.slice(-8)}`}>
        <StatusBadge variant={bookingLook(booking.status)}>{humanize(booking.status)}</StatusBadge>
      </DetailHead>
      <div className="admin-grid">
        <Card title="Booking">
          <Facts>
            <Fact label="Customer">
              <PersonName person={data.customer} />
            </Fact>
            <Fact label="What">
              {data.inventory?.label ?? '—'}
              {data.inventory ? (
                <>
                  {' '}
                  <Link
                    to="/bookings"
                    search={booking.vehicleId ? { vehicleId: booking.vehicleId } : { tripId: booking.tripId ?? undefined }}
                    className="admin-hint"
                  >
                    its bookings
                  </Link>
                </>
              ) : null}
            </Fact>
            {data.organization ? <Fact label="Operator">{data.organization.name}</Fact> : null}
            <Fact label="From">{formatDateTime(booking.startDate, zone)}</Fact>
            <Fact label="Until">{formatDateTime(booking.endDate, zone)}</Fact>
            <Fact label="Time zone">{zone}</Fact>
            {booking.seats.length > 0 ? (
              <Fact label="Seats">
                {booking.seats.map((s) => s.seatNo).join(', ')} (stops {booking.fromStop} → {booking.toStop})
              </Fact>
            ) : null}
            <Fact label="Total">{formatMoney(booking.totalMinor, booking.currency)}</Fact>
            <Fact label="Paid">{formatMoney(booking.paidMinor, booking.currency)}</Fact>
            <Fact label="Booked">{formatDateTime(booking.createdAt, zone)}</Fact>
            {booking.cancelledAt ? (
              <Fact label="Cancelled">
                {formatDateTime(booking.cancelledAt, zone)}
                {booking.cancellationReason ? ` — “${booking.cancellationReason}”` : ''}
              </Fact>
            ) : null}
          </Facts>
        </Card>
        <ActionsCard>
          <CancelBooking data={data} />
          <ManualRefund data={data} />
        </ActionsCard>
      </div>
      <Card title="Lines">
        <DataTable
          label="Booking lines"
          data={booking.lines.map((l) => ({ ...l, currency: booking.currency }))}
          columns={lineColumns}
          getRowId={(l) => `${l.description}-${l.seatNo ?? ''}-${l.amountMinor}`}
        />
      </Card>
      <section className="fw-stack" aria-labelledby="payments-heading">
        <h2 id="payments-heading" className="admin-subtitle">
          Payments
        </h2>
        {data.payments.length === 0 ? <p className="fw-muted">No payment was started.</p> : null}
        {data.payments.map((payment) => (
          <PaymentCard key={payment.id} payment={payment} />
        ))}
      </section>
      <MoneyHistory of="booking" refunds={data.refunds} timeline={data.timeline} />
    </div>
  );
}

function useRefreshBooking() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.admin.bookings.pathFilter()),
      queryClient.invalidateQueries(trpc.admin.refunds.pathFilter()),
      queryClient.invalidateQueries(trpc.admin.payments.pathFilter()),
    ]);
}

/** Cancel, with what it refunds said before confirming (the platform cancelling refunds all that was paid). */
function CancelBooking({ data }: { data: AdminBooking }) {
  const trpc = useTRPC();
  const refresh = useRefreshBooking();
  const cancel = useMutation(trpc.bookings.cancel.mutationOptions({ onSuccess: refresh }));
  const problem = useProblem(cancel.error);
  const [reason, setReason] = useState('');
  const { booking, cancelPreview } = data;
  if (!cancelPreview.allowed) return <p className="fw-muted">A {booking.status} booking cannot be cancelled.</p>;
  return (
    <div className="fw-stack">
      {problem ? <ProblemAlert title="Could not cancel the booking" problem={problem} /> : null}
      <ConfirmAction
        label="Cancel booking"
        confirmLabel="Cancel it"
        busyLabel="Cancelling…"
        busy={cancel.isPending}
        onConfirm={() => cancel.mutate({ id: booking.id, reason: reason.trim() || undefined })}
      >
        <p>
          {cancelPreview.refundMinor > 0
            ? `Cancelling now refunds ${formatMoney(cancelPreview.refundMinor, booking.currency)} to the customer.`
            : 'Cancelling now refunds nothing: nothing was paid.'}
        </p>
        <TextAreaField
          label="Reason (the customer reads it)"
          name="cancelReason"
          rows={2}
          maxLength={500}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </ConfirmAction>
    </div>
  );
}

/** A partial refund by hand, with a reason; never more than what is left of the capture. */
function ManualRefund({ data }: { data: AdminBooking }) {
  const trpc = useTRPC();
  const refresh = useRefreshBooking();
  const refund = useMutation(trpc.admin.bookings.refund.mutationOptions({ onSuccess: refresh }));
  const problem = useProblem(refund.error);
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<{ amount?: string; reason?: string }>({});
  const { booking, refundableMinor } = data;
  if (refundableMinor <= 0) return <p className="fw-muted">Nothing is left to refund.</p>;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const minor = parseMajorUnits(amount, booking.currency);
    const next: typeof errors = {};
    if (minor === null || minor <= 0) next.amount = 'Enter an amount, e.g. 1500.00';
    else if (minor > refundableMinor) next.amount = `At most ${formatMoney(refundableMinor, booking.currency)}`;
    if (reason.trim().length < 3) next.reason = 'Say why in a few words';
    setErrors(next);
    if (minor === null || Object.keys(next).length > 0) return;
    refund.mutate(
      { id: booking.id, amountMinor: minor, reason: reason.trim() },
      {
        onSuccess: () => {
          setAmount('');
          setReason('');
        },
      },
    );
  }

  return (
    <form className="fw-form" onSubmit={onSubmit} aria-label="Refund by hand" noValidate>
      <p className="admin-hint">Up to {formatMoney(refundableMinor, booking.currency)} can be refunded.</p>
      <TextField
        label={`Refund amount (${booking.currency})`}
        name="amount"
        inputMode="decimal"
        value={amount}
        error={errors.amount ?? problem?.fields.amountMinor}
        onChange={(e) => setAmount(e.target.value)}
      />
      <TextAreaField
        label="Reason"
        name="reason"
        rows={2}
        maxLength={500}
        value={reason}
        error={errors.reason ?? problem?.fields.reason}
        onChange={(e) => setReason(e.target.value)}
      />
      {problem ? <ProblemAlert title="Could not refund" problem={problem} /> : null}
      {refund.isSuccess ? (
        <p role="status" className="admin-hint">
          Refund of {formatMoney(refund.data.amountMinor, refund.data.currency)} created; it is {refund.data.status}.
        </p>
      ) : null}
      <div className="fw-form__actions">
        <Button type="submit" variant="secondary" busy={refund.isPending} busyLabel="Refunding…">
          Refund
        </Button>
      </div>
    </form>
  );
}
