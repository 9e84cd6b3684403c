import { problemOf, QueryState, type RouterOutputs, useProblem, useSession, useTRPC } from '@fareway/api-client';
import {
  Alert,
  Button,
  Card,
  Fact,
  Facts,
  formatDateTime,
  formatMoney,
  ProblemAlert,
  TextField,
  useRetryWait,
  zonedInputToInstant,
} from '@fareway/ui';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { CarAlternatives } from '../alternatives/car-alternatives';
import { defaultRentalRange, rangeProblem } from '../lib/dates';
import { SignInCard } from '../lib/sign-in-card';
import { vehicleName } from './car-search-page';

type Vehicle = RouterOutputs['vehicles']['get'];

/** One car: photos, facts, the price of the chosen range, and "Hold" (a pending booking you then pay for). */
const route = getRouteApi('/cars/$id');

export function VehiclePage() {
  const { t } = useTranslation('vehicle');
  const { id } = route.useParams();
  const trpc = useTRPC();
  const vehicle = useQuery(trpc.vehicles.get.queryOptions({ id }));
  return (
    <div className="web-page">
      <Link to="/cars" className="fw-back">
        {t('back')}
      </Link>
      <QueryState query={vehicle} what={t('what')}>
        {(v) => <VehicleDetail vehicle={v} />}
      </QueryState>
    </div>
  );
}

function VehicleDetail({ vehicle }: { vehicle: Vehicle }) {
  const { t } = useTranslation(['vehicle', 'common', 'search']);
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const session = useSession();
  const search = route.useSearch();
  const navigate = useNavigate();
  // The range is typed and read on the car's own wall clock, whatever the browser's zone.
  const zone = vehicle.timeZone;
  const defaults = defaultRentalRange(zone);
  const [range, setRange] = useState({ start: search.start ?? defaults.start, end: search.end ?? defaults.end });
  const [pickupLocation, setPickupLocation] = useState('');
  const problem = rangeProblem(range.start, range.end, zone);
  const startDate = zonedInputToInstant(range.start, zone);
  const endDate = zonedInputToInstant(range.end, zone);

  // The price and availability for this range: the same search customers run, narrowed to this car's city.
  const availability = useQuery(
    trpc.vehicles.search.queryOptions(
      { location: vehicle.city, startDate: startDate ?? undefined, endDate: endDate ?? undefined, limit: 100 },
      { enabled: problem === null && vehicle.status === 'approved' },
    ),
  );
  const match = availability.data?.items.find((item) => item.id === vehicle.id);
  const searchedAll = availability.data ? availability.data.meta.total <= availability.data.items.length : false;

  const hold = useMutation(
    trpc.bookings.create.mutationOptions({
      onSuccess: (booking) => {
        queryClient.setQueryData(trpc.bookings.get.queryKey({ id: booking.id }), booking);
        void queryClient.invalidateQueries(trpc.bookings.list.pathFilter());
        void navigate({ to: '/bookings/$id', params: { id: booking.id } });
      },
    }),
  );
  const holdProblem = useProblem(hold.error);
  const wait = useRetryWait(holdProblem);

  function onHold(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (problem || !startDate || !endDate || hold.isPending || wait > 0) return;
    hold.mutate({ vehicleId: vehicle.id, startDate, endDate, pickupLocation: pickupLocation.trim() || undefined });
  }

  return (
    <div className="web-detail">
      <div className="web-detail__main">
        <h1 className="fw-page-title">{vehicleName(vehicle)}</h1>
        {vehicle.photos.length > 0 ? (
          <ul className="web-photos">
            {vehicle.photos.map((photo) => (
              <li key={photo.fileId}>
                <img src={photo.url} alt={t('photoAlt', { name: `${vehicle.make} ${vehicle.model}`, n: photo.position + 1 })} />
              </li>
            ))}
          </ul>
        ) : null}
        {vehicle.description ? <p>{vehicle.description}</p> : null}
        <Facts>
          <Fact label={t('facts.type')}>{t(`common:vehicleType.${vehicle.type}`)}</Fact>
          <Fact label={t('facts.seats')}>{vehicle.seats}</Fact>
          <Fact label={t('facts.gearbox')}>{t(`common:transmission.${vehicle.transmission}`)}</Fact>
          <Fact label={t('facts.fuel')}>{t(`common:fuel.${vehicle.fuel}`)}</Fact>
          <Fact label={t('facts.city')}>{vehicle.city}</Fact>
          <Fact label={t('facts.dailyRate')}>{formatMoney(vehicle.dailyRateMinor, vehicle.currency)}</Fact>
          <Fact label={t('facts.timeZone')}>{vehicle.timeZone}</Fact>
        </Facts>
      </div>

      <Card title={t('book')} className="web-detail__side">
        {vehicle.status !== 'approved' ? (
          <Alert>{t('notAvailable', { status: t(`common:vehicleStatus.${vehicle.status}`) })}</Alert>
        ) : (
          <form className="fw-form" onSubmit={onHold}>
            <TextField
              label={t('search:cars.pickup', { zone })}
              name="start"
              type="datetime-local"
              required
              value={range.start}
              onChange={(e) => setRange({ ...range, start: e.target.value })}
            />
            <TextField
              label={t('search:cars.return', { zone })}
              name="end"
              type="datetime-local"
              required
              value={range.end}
              error={problem ? t(`search:range.${problem}`) : undefined}
              onChange={(e) => setRange({ ...range, end: e.target.value })}
            />
            <TextField
              label={t('pickupPlace')}
              name="pickupLocation"
              maxLength={200}
              value={pickupLocation}
              onChange={(e) => setPickupLocation(e.target.value)}
            />
            <Quote
              loading={availability.isFetching && !availability.data}
              error={availability.error ? (problemOf(availability.error)?.message ?? null) : null}
              match={match}
              known={searchedAll}
              checked={availability.data !== undefined}
              timeZone={vehicle.timeZone}
              startDate={startDate}
              endDate={endDate}
            />
            {holdProblem ? (
              <ProblemAlert title={t('holdFailed')} problem={holdProblem}>
                {holdProblem.code === 'BOOKING_CONFLICT' && startDate && endDate ? (
                  <CarAlternatives vehicleId={vehicle.id} startDate={startDate} endDate={endDate} start={range.start} end={range.end} />
                ) : null}
                {holdProblem.code === 'HOLD_LIMIT_REACHED' ? (
                  <p>
                    <Trans t={t} i18nKey="holdLimit" components={{ holds: <Link to="/bookings" search={{ status: 'pending' }} /> }} />
                  </p>
                ) : null}
              </ProblemAlert>
            ) : null}
            {session.user ? (
              <div className="fw-form__actions">
                <Button type="submit" busy={hold.isPending} busyLabel={t('holding')} disabled={problem !== null || wait > 0}>
                  {t('hold')}
                </Button>
                <span className="fw-muted web-hint">{t('holdHint')}</span>
              </div>
            ) : null}
          </form>
        )}
        {vehicle.status === 'approved' && !session.user && !session.isLoading ? (
          <div className="web-gate">
            <Alert variant="info">{t('signInToHold')}</Alert>
            <SignInCard />
          </div>
        ) : null}
      </Card>
    </div>
  );
}

function Quote({
  loading,
  error,
  match,
  known,
  checked,
  timeZone,
  startDate,
  endDate,
}: {
  loading: boolean;
  error: string | null;
  match: RouterOutputs['vehicles']['search']['items'][number] | undefined;
  known: boolean;
  checked: boolean;
  timeZone: string;
  startDate: string | null;
  endDate: string | null;
}) {
  const { t } = useTranslation(['vehicle', 'common']);
  if (loading)
    return (
      <p className="fw-muted" role="status">
        {t('quote.checking')}
      </p>
    );
  if (error) return <p className="fw-muted">{t('quote.failed', { error })}</p>;
  if (!checked || !startDate || !endDate) return null;
  if (match?.quote) {
    return (
      <div className="web-quote" role="status">
        <p className="web-price">
          <strong>{formatMoney(match.quote.totalMinor, match.quote.currency)}</strong>{' '}
          <span className="fw-muted">{t('common:forDays', { count: match.quote.days })}</span>
        </p>
        <p className="fw-muted web-hint">
          {formatDateTime(startDate, timeZone)} → {formatDateTime(endDate, timeZone)}
        </p>
      </div>
    );
  }
  return known ? <Alert>{t('quote.taken')}</Alert> : <p className="fw-muted">{t('quote.unknown')}</p>;
}
