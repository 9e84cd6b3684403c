import { QueryState, type RouterOutputs, useProblem, useSession, useTRPC } from '@fareway/api-client';
import {
  Alert,
  Button,
  Card,
  formatDateTime,
  formatMoney,
  formatTime,
  ProblemAlert,
  SeatMap,
  SeatMapLegend,
  SelectField,
  TextField,
  useRetryWait,
} from '@fareway/ui';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { type FormEvent, useEffect, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { SeatAlternatives } from '../alternatives/seat-alternatives';
import { SignInCard } from '../lib/sign-in-card';
import { OperatorName } from './operator-name';

type Trip = RouterOutputs['trips']['get'];

/**
 * How many seats one booking may hold. The server has the real cap
 * (SEATS_MAX_PER_BOOKING, default 10) and says so if this is ever higher.
 */
export const MAX_SEATS_PER_BOOKING = 10;

const route = getRouteApi('/bus/trips/$id');

function parseStop(value: number | undefined, fallback: number, last: number): number {
  return value !== undefined && value <= last ? value : fallback;
}

/** One trip: its stops, the leg to travel, the seat map for that leg, and "Hold seats". */
export function TripPage() {
  const { t } = useTranslation('trip');
  const { id } = route.useParams();
  const trpc = useTRPC();
  const trip = useQuery(trpc.trips.get.queryOptions({ id }));
  return (
    <div className="web-page">
      <Link to="/bus" className="fw-back">
        {t('back')}
      </Link>
      <QueryState query={trip} what={t('what')}>
        {(loaded) => <TripDetail trip={loaded} />}
      </QueryState>
    </div>
  );
}

function TripDetail({ trip }: { trip: Trip }) {
  const { t } = useTranslation(['trip', 'vehicle']);
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const session = useSession();
  const search = route.useSearch();
  const navigate = useNavigate();
  const last = trip.stops.length - 1;
  const fromStop = parseStop(search.from, 0, last - 1);
  const toStop = Math.max(parseStop(search.to, last, last), fromStop + 1);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [names, setNames] = useState<Record<string, string>>({});
  const [taken, setTaken] = useState<string[]>([]);

  const seats = useQuery(
    trpc.trips.seats.queryOptions(
      { id: trip.id, fromStop, toStop },
      // Others hold and buy seats while you choose: keep the map fresh.
      { refetchInterval: 15_000, placeholderData: keepPreviousData },
    ),
  );
  const states = Object.fromEntries((seats.data?.seats ?? []).map((seat) => [seat.seatNo, seat.state]));

  // A seat someone else took meanwhile drops out of the selection.
  useEffect(() => {
    if (!seats.data) return;
    const free = new Set(seats.data.seats.filter((seat) => seat.state === 'free').map((seat) => seat.seatNo));
    if ([...selected].some((seatNo) => !free.has(seatNo))) setSelected(new Set([...selected].filter((seatNo) => free.has(seatNo))));
  }, [seats.data, selected]);

  const reserve = useMutation(
    trpc.bookings.reserve.mutationOptions({
      onSuccess: (booking) => {
        queryClient.setQueryData(trpc.bookings.get.queryKey({ id: booking.id }), booking);
        void queryClient.invalidateQueries(trpc.bookings.list.pathFilter());
        void navigate({ to: '/bookings/$id', params: { id: booking.id } });
      },
      onError: (error) => {
        const details = (error.data as { details?: { seats?: unknown } } | undefined)?.details;
        const seatsTaken = Array.isArray(details?.seats) ? details.seats.filter((s): s is string => typeof s === 'string') : [];
        setTaken(seatsTaken);
        if (seatsTaken.length > 0) setSelected(new Set([...selected].filter((seatNo) => !seatsTaken.includes(seatNo))));
        void queryClient.invalidateQueries(trpc.trips.seats.pathFilter());
      },
    }),
  );
  const problem = useProblem(reserve.error);
  const wait = useRetryWait(problem);

  function setLeg(from: number, to: number) {
    setSelected(new Set());
    reserve.reset();
    void navigate({ to: '/bus/trips/$id', params: { id: trip.id }, search: { from, to: Math.max(to, from + 1) }, replace: true });
  }

  function toggle(seatNo: string) {
    const next = new Set(selected);
    if (next.has(seatNo)) next.delete(seatNo);
    else if (next.size < MAX_SEATS_PER_BOOKING) next.add(seatNo);
    setSelected(next);
    setTaken([]);
  }

  function onReserve(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (selected.size === 0 || reserve.isPending || wait > 0) return;
    const seatNumbers = [...selected].sort();
    const passengers = seatNumbers
      .filter((seatNo) => (names[seatNo] ?? '').trim() !== '')
      .map((seatNo) => ({ seatNo, name: (names[seatNo] ?? '').trim() }));
    reserve.mutate({ tripId: trip.id, seatNumbers, fromStop, toStop, ...(passengers.length > 0 ? { passengers } : {}) });
  }

  const fare = seats.data?.fareMinor ?? (trip.stops[toStop]?.fareFromStartMinor ?? 0) - (trip.stops[fromStop]?.fareFromStartMinor ?? 0);
  const origin = trip.stops[fromStop];
  const destination = trip.stops[toStop];
  const bookable = trip.status === 'scheduled' || trip.status === 'boarding';
  const chosen = [...selected].sort();

  return (
    <div className="fw-stack">
      <div>
        <h1 className="fw-page-title">
          {origin?.name} → {destination?.name}
        </h1>
        <p className="fw-page-lead">
          {trip.routeName} · <OperatorName operator={trip.operator} /> · {trip.bus.name} · {t('timesIn', { zone: trip.timeZone })}
        </p>
      </div>
      {bookable ? null : <Alert>{t('notBookable', { status: t(`status.${trip.status}`) })}</Alert>}

      <div className="web-detail">
        <div className="web-detail__main fw-stack">
          <Card title={t('leg')}>
            <div className="web-leg">
              <SelectField
                label={t('getOn')}
                name="fromStop"
                value={String(fromStop)}
                options={trip.stops.slice(0, -1).map((stop) => ({
                  value: String(stop.position),
                  label: `${stop.name} · ${formatTime(stop.departsAt, trip.timeZone)}`,
                }))}
                onChange={(e) => setLeg(Number(e.target.value), toStop)}
              />
              <SelectField
                label={t('getOff')}
                name="toStop"
                value={String(toStop)}
                options={trip.stops.slice(fromStop + 1).map((stop) => ({
                  value: String(stop.position),
                  label: `${stop.name} · ${formatTime(stop.arrivesAt, trip.timeZone)}`,
                }))}
                onChange={(e) => setLeg(fromStop, Number(e.target.value))}
              />
            </div>
            <p className="fw-muted web-hint">
              {t('legSummary', {
                departs: origin ? formatDateTime(origin.departsAt, trip.timeZone) : '',
                arrives: destination ? formatDateTime(destination.arrivesAt, trip.timeZone) : '',
                fare: formatMoney(fare, trip.currency),
              })}
            </p>
          </Card>

          <Card
            title={t('chooseSeats')}
            actions={
              seats.data ? (
                <span className="fw-muted web-hint" role="status">
                  {t('counts', { free: seats.data.counts.free, held: seats.data.counts.held, sold: seats.data.counts.sold })}
                </span>
              ) : null
            }
          >
            <QueryState query={seats} what={t('seatMapWhat')}>
              {() => (
                <>
                  <SeatMap
                    rows={trip.layout.rows}
                    columns={trip.layout.columns}
                    cells={trip.layout.cells}
                    states={states}
                    selected={selected}
                    onToggle={toggle}
                    full={selected.size >= MAX_SEATS_PER_BOOKING}
                    disabled={!bookable || reserve.isPending}
                  />
                  <SeatMapLegend />
                  {selected.size >= MAX_SEATS_PER_BOOKING ? (
                    <p className="fw-muted web-hint">{t('maxSeats', { max: MAX_SEATS_PER_BOOKING })}</p>
                  ) : null}
                </>
              )}
            </QueryState>
          </Card>
        </div>

        <Card title={t('yourSeats')} className="web-detail__side">
          <form className="fw-form" onSubmit={onReserve}>
            {chosen.length === 0 ? (
              <p className="fw-muted">{t('pickSeats', { max: MAX_SEATS_PER_BOOKING })}</p>
            ) : (
              <ul className="web-chosen">
                {chosen.map((seatNo) => (
                  <li key={seatNo}>
                    <TextField
                      label={t('passengerName', { seat: seatNo })}
                      name={`passenger-${seatNo}`}
                      maxLength={100}
                      value={names[seatNo] ?? ''}
                      onChange={(e) => setNames({ ...names, [seatNo]: e.target.value })}
                    />
                  </li>
                ))}
              </ul>
            )}
            {chosen.length > 0 ? (
              <p className="web-price">
                <strong>{formatMoney(fare * chosen.length, trip.currency)}</strong>{' '}
                <span className="fw-muted">{t('forSeats', { count: chosen.length })}</span>
              </p>
            ) : null}
            {problem ? (
              <ProblemAlert title={t('holdFailed')} problem={problem}>
                {taken.length > 0 ? <p>{t('taken', { seats: taken.join(', ') })}</p> : null}
                {problem.code === 'SEATS_UNAVAILABLE' ? (
                  <SeatAlternatives tripId={trip.id} fromStop={fromStop} toStop={toStop} seats={Math.max(1, taken.length, chosen.length)} />
                ) : null}
                {problem.code === 'HOLD_LIMIT_REACHED' ? (
                  <p>
                    <Trans
                      t={t}
                      i18nKey="vehicle:holdLimit"
                      components={{ holds: <Link to="/bookings" search={{ status: 'pending' }} /> }}
                    />
                  </p>
                ) : null}
              </ProblemAlert>
            ) : null}
            {session.user ? (
              <div className="fw-form__actions">
                <Button
                  type="submit"
                  busy={reserve.isPending}
                  busyLabel={t('vehicle:holding')}
                  disabled={chosen.length === 0 || !bookable || wait > 0}
                >
                  {t('hold', { count: chosen.length })}
                </Button>
                <span className="fw-muted web-hint">{t('holdHint')}</span>
              </div>
            ) : null}
          </form>
          {!session.user && !session.isLoading ? (
            <div className="web-gate">
              <Alert variant="info">{t('signInToHold')}</Alert>
              <SignInCard />
            </div>
          ) : null}
        </Card>
      </div>
    </div>
  );
}
