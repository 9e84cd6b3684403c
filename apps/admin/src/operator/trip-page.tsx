import { QueryState, type RouterOutputs, useProblem, useTRPC } from '@fareway/api-client';
import {
  Alert,
  Button,
  Card,
  type ColumnDef,
  DataTable,
  Fact,
  Facts,
  formatDateTime,
  formatMoney,
  formatPhone,
  formatTime,
  humanize,
  ProblemAlert,
  SeatPlan,
  SelectField,
  TextAreaField,
} from '@fareway/ui';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { type FormEvent, useMemo, useState } from 'react';
import { ConfirmAction } from '../lib/confirm-action';
import { OfficeFrame } from './office-frame';
import { TripStatusBadge } from './trips-page';

type Manifest = RouterOutputs['operators']['tripManifest'];
type Passenger = Manifest['passengers'][number];
type PublicTrip = RouterOutputs['trips']['get'];

const route = getRouteApi('/office/$organizationId/trips/$tripId');

/** One trip: its facts, the seat map of a chosen leg, the printable manifest, and cancelling it (refunds shown first). */
export function TripPage() {
  const { organizationId, tripId } = route.useParams();
  const trpc = useTRPC();
  const manifest = useQuery(trpc.operators.tripManifest.queryOptions({ organizationId, tripId }));
  return (
    <OfficeFrame
      organizationId={organizationId}
      title="Trip"
      actions={
        <Button variant="secondary" onClick={() => window.print()}>
          Print manifest
        </Button>
      }
    >
      {() => (
        <QueryState query={manifest} what="the trip">
          {(data) => (
            <div className="fw-stack">
              <TripFacts manifest={data} />
              <TripStatusCard organizationId={organizationId} manifest={data} />
              <LegSeats tripId={tripId} manifest={data} />
              <ManifestTable manifest={data} />
              <CancelTripCard organizationId={organizationId} manifest={data} />
            </div>
          )}
        </QueryState>
      )}
    </OfficeFrame>
  );
}

function TripFacts({ manifest }: { manifest: Manifest }) {
  const trip = manifest.trip;
  return (
    <Card title={`${trip.routeName} · ${formatDateTime(trip.departsAt, trip.timeZone)}`}>
      <Facts>
        <Fact label="Status">
          <TripStatusBadge status={trip.status} />
        </Fact>
        <Fact label="Bus">{trip.busName}</Fact>
        <Fact label="Leaves">{formatDateTime(trip.departsAt, trip.timeZone)}</Fact>
        <Fact label="Arrives">{formatDateTime(trip.arrivesAt, trip.timeZone)}</Fact>
        <Fact label="Seats">
          {manifest.counts.sold} sold, {manifest.counts.held} held, of {trip.seatCount}
        </Fact>
        <Fact label="Times">{trip.timeZone}</Fact>
        {trip.cancellationReason ? <Fact label="Cancelled because">{trip.cancellationReason}</Fact> : null}
      </Facts>
      <ol className="op-timeline" aria-label="Stops">
        {trip.stops.map((stop) => (
          <li key={stop.position}>
            <strong>{formatTime(stop.departsAt, trip.timeZone, undefined, trip.timeZone)}</strong> {stop.name}, {stop.city}
            {stop.fareToNextMinor !== null ? (
              <span className="fw-muted"> · {formatMoney(stop.fareToNextMinor, trip.currency)} to the next stop</span>
            ) : null}
          </li>
        ))}
      </ol>
    </Card>
  );
}

type TripStatus = Manifest['trip']['status'];
type Move = 'boarding' | 'departed' | 'completed';

/**
 * The moves the server allows from each state (domain/trips/trip-states.ts:
 * boarding may be skipped), each with what it does to the trip's bookings.
 */
const MOVES: Record<TripStatus, ReadonlyArray<{ to: Move; label: string; effect: string }>> = {
  scheduled: [
    { to: 'boarding', label: 'Start boarding', effect: 'Seats stay on sale until it departs.' },
    { to: 'departed', label: 'Mark departed', effect: 'Unpaid holds lapse, sold seats start travelling and no more seats are sold.' },
  ],
  boarding: [
    { to: 'departed', label: 'Mark departed', effect: 'Unpaid holds lapse, sold seats start travelling and no more seats are sold.' },
  ],
  departed: [{ to: 'completed', label: 'Mark completed', effect: 'Its travelling bookings are completed.' }],
  completed: [],
  cancelled: [],
};

/** Moves the trip along (boarding, departed, completed), each asked first with what it does. */
function TripStatusCard({ organizationId, manifest }: { organizationId: string; manifest: Manifest }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const setStatus = useMutation(
    trpc.operators.setTripStatus.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries(trpc.operators.pathFilter());
        await queryClient.invalidateQueries(trpc.trips.pathFilter());
      },
    }),
  );
  const problem = useProblem(setStatus.error);
  const moves = MOVES[manifest.trip.status] ?? [];
  if (moves.length === 0) return null;
  return (
    <Card title="Trip status" className="op-status">
      <p>
        Now: <TripStatusBadge status={manifest.trip.status} />
      </p>
      {problem ? <ProblemAlert title="Could not change the trip" problem={problem} /> : null}
      <div className="fw-row admin-actions">
        {moves.map((move) => (
          <ConfirmAction
            key={move.to}
            label={`${move.label}…`}
            confirmLabel={move.label}
            busyLabel="Saving…"
            busy={setStatus.isPending && setStatus.variables?.status === move.to}
            disabled={setStatus.isPending}
            onConfirm={() => setStatus.mutate({ organizationId, tripId: manifest.trip.id, status: move.to })}
          >
            {move.label}? {move.effect}
          </ConfirmAction>
        ))}
      </div>
    </Card>
  );
}

/** The seat map of one leg (from stop → to stop): what is free, held and sold for it right now. */
function LegSeats({ tripId, manifest }: { tripId: string; manifest: Manifest }) {
  const trpc = useTRPC();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const stops = manifest.trip.stops;
  const last = stops.length - 1;
  const from = Math.min(search.from ?? 0, last - 1);
  const to = Math.min(Math.max(search.to ?? last, from + 1), last);
  const trip = useQuery(trpc.trips.get.queryOptions({ id: tripId }));
  const seats = useQuery(trpc.trips.seats.queryOptions({ id: tripId, fromStop: from, toStop: to }));
  const stopOptions = stops.map((s) => ({
    value: String(s.position),
    label: `${s.name} (${formatTime(s.departsAt, manifest.trip.timeZone, undefined, manifest.trip.timeZone)})`,
  }));
  return (
    <Card title="Seats per leg" className="op-leg">
      <div className="op-row">
        <SelectField
          label="From"
          name="from"
          value={String(from)}
          options={stopOptions.slice(0, -1)}
          onChange={(e) =>
            void navigate({ search: { from: Number(e.target.value), to: Math.max(to, Number(e.target.value) + 1) }, replace: true })
          }
        />
        <SelectField
          label="To"
          name="to"
          value={String(to)}
          options={stopOptions.slice(from + 1)}
          onChange={(e) => void navigate({ search: { from, to: Number(e.target.value) }, replace: true })}
        />
      </div>
      <QueryState query={trip} what="the seat layout">
        {(layoutTrip: PublicTrip) => (
          <QueryState query={seats} what="the seats">
            {(map) => (
              <>
                <p role="status">
                  {map.counts.free} free, {map.counts.held} held, {map.counts.sold} sold from {stops[from]?.name} to {stops[to]?.name} ·{' '}
                  {formatMoney(map.fareMinor, map.currency)} a seat
                </p>
                <SeatPlan
                  rows={layoutTrip.layout.rows}
                  columns={layoutTrip.layout.columns}
                  cells={layoutTrip.layout.cells}
                  states={Object.fromEntries(map.seats.map((s) => [s.seatNo, s.state]))}
                />
              </>
            )}
          </QueryState>
        )}
      </QueryState>
    </Card>
  );
}

function ManifestTable({ manifest }: { manifest: Manifest }) {
  const stops = manifest.trip.stops;
  const stopName = (position: number) => stops[position]?.name ?? `Stop ${position + 1}`;
  const columns = useMemo<Array<ColumnDef<Passenger, unknown>>>(
    () => [
      { id: 'seat', header: 'Seat', accessorFn: (p) => p.seatNo },
      { id: 'passenger', header: 'Passenger', accessorFn: (p) => p.passengerName ?? p.customer.name ?? '—' },
      { id: 'phone', header: 'Phone', accessorFn: (p) => (p.customer.phone ? formatPhone(p.customer.phone) : '—') },
      { id: 'leg', header: 'Leg', accessorFn: (p) => `${stopName(p.fromStop)} → ${stopName(p.toStop)}` },
      { id: 'fare', header: 'Fare', accessorFn: (p) => formatMoney(p.fareMinor, manifest.trip.currency) },
      { id: 'status', header: 'Status', accessorFn: (p) => (p.status === 'pending' ? 'Held (unpaid)' : humanize(p.status)) },
    ],
    [manifest],
  );
  return (
    <section className="op-manifest" aria-labelledby="op-manifest-title">
      <h2 id="op-manifest-title" className="op-section">
        Manifest · {manifest.trip.routeName}, {formatDateTime(manifest.trip.departsAt, manifest.trip.timeZone)}
      </h2>
      {manifest.passengers.length === 0 ? (
        <p>No passengers yet.</p>
      ) : (
        <DataTable
          label="Manifest"
          data={manifest.passengers}
          columns={columns}
          getRowId={(p) => `${p.bookingId}:${p.seatNo}:${p.fromStop}`}
        />
      )}
    </section>
  );
}

/** Cancel the trip: first what it will do (each booking and its refund), then a reason and Confirm. */
function CancelTripCard({ organizationId, manifest }: { organizationId: string; manifest: Manifest }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const tripId = manifest.trip.id;
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const preview = useQuery({ ...trpc.operators.cancelTripPreview.queryOptions({ organizationId, tripId }), enabled: open });
  const cancel = useMutation(
    trpc.operators.cancelTrip.mutationOptions({
      onSuccess: async () => {
        setOpen(false);
        await queryClient.invalidateQueries(trpc.operators.pathFilter());
        await queryClient.invalidateQueries(trpc.trips.pathFilter());
      },
    }),
  );
  const problem = useProblem(cancel.error);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    cancel.mutate({ organizationId, tripId, reason: reason.trim() || undefined });
  }

  // A trip that has left (or was cancelled before this page opened) cannot be cancelled; the outcome of cancelling it here stays shown.
  const cancellable = manifest.trip.status === 'scheduled' || manifest.trip.status === 'boarding';
  if (!cancellable && !cancel.isSuccess) return null;

  return (
    <Card title="Cancel this trip" className="op-cancel">
      {cancel.isSuccess ? (
        <Alert variant="info">
          Trip cancelled: {cancel.data.cancelledBookings} {cancel.data.cancelledBookings === 1 ? 'booking' : 'bookings'} cancelled,{' '}
          {formatMoney(cancel.data.refundDueMinor, cancel.data.currency)} to refund.
        </Alert>
      ) : null}
      {!cancellable ? null : !open ? (
        <Button variant="secondary" onClick={() => setOpen(true)}>
          Cancel trip…
        </Button>
      ) : (
        <QueryState query={preview} what="what cancelling does">
          {(p) => (
            <form className="fw-form" onSubmit={onSubmit}>
              <p role="status">
                Cancelling cancels {p.cancelledBookings} {p.cancelledBookings === 1 ? 'booking' : 'bookings'} and refunds{' '}
                <strong>{formatMoney(p.refundDueMinor, p.currency)}</strong> to the customers (all that they paid), who are told at once.
              </p>
              {p.bookings.length > 0 ? (
                <ul className="op-refunds" aria-label="Refunds">
                  {p.bookings.map((b) => (
                    <li key={b.bookingId}>
                      {b.customer.name ?? (b.customer.phone ? formatPhone(b.customer.phone) : 'A customer')} · seats {b.seats.join(', ')} ·{' '}
                      {b.status === 'pending' ? 'unpaid hold' : `refund ${formatMoney(b.refundMinor, p.currency)}`}
                    </li>
                  ))}
                </ul>
              ) : null}
              {problem ? <ProblemAlert title="Could not cancel the trip" problem={problem} /> : null}
              <TextAreaField
                label="Reason (customers read it)"
                name="reason"
                rows={2}
                maxLength={500}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
              />
              <div className="fw-form__actions">
                <Button type="submit" busy={cancel.isPending} busyLabel="Cancelling…">
                  Cancel trip and refund {formatMoney(p.refundDueMinor, p.currency)}
                </Button>
                <Button variant="secondary" onClick={() => setOpen(false)}>
                  Keep the trip
                </Button>
              </div>
            </form>
          )}
        </QueryState>
      )}
    </Card>
  );
}
