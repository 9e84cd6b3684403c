import { QueryState, type RouterOutputs, useTRPC } from '@fareway/api-client';
import { Button, Card, formatMoney, Pager, TextField, zonedInputToInstant } from '@fareway/ui';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { defaultRentalRange, type RangeProblem, rangeProblem, SEARCH_TIME_ZONE } from '../lib/dates';

export type VehicleResult = RouterOutputs['vehicles']['search']['items'][number];

const PAGE_SIZE = 20;

const route = getRouteApi('/cars');

export function vehicleName(vehicle: { make: string; model: string; year: number }): string {
  return `${vehicle.make} ${vehicle.model} (${vehicle.year})`;
}

/** "Rent a car": city, pick-up, return and seats → approved cars free for the whole range, each with its price. */
export function CarSearchPage() {
  const { t } = useTranslation('search');
  const trpc = useTRPC();
  const applied = route.useSearch();
  const navigate = route.useNavigate();
  const searched = applied.start !== undefined && applied.end !== undefined;
  const defaults = defaultRentalRange(SEARCH_TIME_ZONE);
  const [form, setForm] = useState({
    city: applied.city ?? '',
    start: applied.start ?? defaults.start,
    end: applied.end ?? defaults.end,
    seats: applied.seats ? String(applied.seats) : '',
  });
  const [formProblem, setFormProblem] = useState<RangeProblem | null>(null);

  const results = useQuery(
    trpc.vehicles.search.queryOptions(
      {
        location: applied.city,
        startDate: zonedInputToInstant(applied.start ?? '', SEARCH_TIME_ZONE) ?? undefined,
        endDate: zonedInputToInstant(applied.end ?? '', SEARCH_TIME_ZONE) ?? undefined,
        seats: applied.seats && applied.seats > 0 ? applied.seats : undefined,
        page: applied.page ?? 1,
        limit: PAGE_SIZE,
      },
      { enabled: searched, placeholderData: keepPreviousData },
    ),
  );

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const problem = rangeProblem(form.start, form.end, SEARCH_TIME_ZONE);
    setFormProblem(problem);
    const seats = Number(form.seats);
    if (!problem)
      void navigate({
        search: {
          city: form.city.trim() || undefined,
          start: form.start,
          end: form.end,
          seats: Number.isInteger(seats) && seats > 0 ? seats : undefined,
        },
      });
  }

  return (
    <div className="web-page">
      <h1 className="fw-page-title">{t('cars.title')}</h1>
      <form className="web-search" onSubmit={onSubmit} aria-label={t('cars.search')}>
        <TextField
          label={t('cars.city')}
          name="city"
          placeholder="Colombo"
          autoComplete="address-level2"
          value={form.city}
          onChange={(e) => setForm({ ...form, city: e.target.value })}
        />
        <TextField
          label={t('cars.pickup', { zone: SEARCH_TIME_ZONE })}
          name="start"
          type="datetime-local"
          required
          value={form.start}
          onChange={(e) => setForm({ ...form, start: e.target.value })}
        />
        <TextField
          label={t('cars.return', { zone: SEARCH_TIME_ZONE })}
          name="end"
          type="datetime-local"
          required
          value={form.end}
          error={formProblem ? t(`range.${formProblem}`) : undefined}
          onChange={(e) => setForm({ ...form, end: e.target.value })}
        />
        <TextField
          label={t('cars.seats')}
          name="seats"
          type="number"
          inputMode="numeric"
          min={1}
          max={100}
          placeholder={t('cars.anySeats')}
          value={form.seats}
          onChange={(e) => setForm({ ...form, seats: e.target.value })}
        />
        <div className="web-search__go">
          <Button type="submit" className="web-search__button" busy={results.isFetching && searched} busyLabel={t('searching')}>
            {t('cars.search')}
          </Button>
        </div>
      </form>

      {searched ? (
        <section aria-label={t('results')} className="web-results">
          <QueryState
            query={results}
            what={t('cars.what')}
            isEmpty={(data) => data.items.length === 0}
            empty={<p>{applied.city ? t('cars.noneIn', { city: applied.city }) : t('cars.none')}</p>}
          >
            {(data) => (
              <>
                <p className="fw-muted web-results__count" role="status">
                  {t('cars.found', { count: data.meta.total })}
                </p>
                <ul className="web-cards">
                  {data.items.map((vehicle) => (
                    <li key={vehicle.id}>
                      <VehicleCard vehicle={vehicle} range={{ start: applied.start, end: applied.end }} />
                    </li>
                  ))}
                </ul>
                <Pager
                  page={data.meta.page}
                  limit={data.meta.limit}
                  total={data.meta.total}
                  busy={results.isFetching}
                  onPage={(page) => void navigate({ search: (prev) => ({ ...prev, page: page > 1 ? page : undefined }) })}
                />
              </>
            )}
          </QueryState>
        </section>
      ) : (
        <p className="fw-muted">{t('cars.intro')}</p>
      )}
    </div>
  );
}

function VehicleCard({ vehicle, range }: { vehicle: VehicleResult; range: { start?: string; end?: string } }) {
  const { t } = useTranslation(['search', 'common']);
  const photo = vehicle.photos[0];
  const link = { to: '/cars/$id', params: { id: vehicle.id }, search: range } as const;
  return (
    <Card
      title={
        <Link {...link} className="web-vehicle-card__name">
          {vehicleName(vehicle)}
        </Link>
      }
      level={3}
      className="web-vehicle-card"
    >
      {photo ? (
        <img className="web-vehicle-card__photo" src={photo.url} alt={`${vehicle.make} ${vehicle.model}`} loading="lazy" />
      ) : (
        <div className="web-vehicle-card__photo web-vehicle-card__photo--none" aria-hidden="true">
          {t('cars.noPhoto')}
        </div>
      )}
      <p className="web-vehicle-card__facts">
        {t(`common:vehicleType.${vehicle.type}`)} · {t('common:seatCount', { count: vehicle.seats })} ·{' '}
        {t(`common:transmission.${vehicle.transmission}`)} · {t(`common:fuel.${vehicle.fuel}`)} · {vehicle.city}
      </p>
      {vehicle.quote ? (
        <p className="web-price">
          <strong>{formatMoney(vehicle.quote.totalMinor, vehicle.quote.currency)}</strong>{' '}
          <span className="fw-muted">{t('common:forDays', { count: vehicle.quote.days })}</span>
        </p>
      ) : (
        <p className="web-price">
          <strong>{formatMoney(vehicle.dailyRateMinor, vehicle.currency)}</strong> <span className="fw-muted">{t('common:perDay')}</span>
        </p>
      )}
      <Link
        {...link}
        className="fw-button fw-button--secondary web-vehicle-card__go"
        aria-label={t('cars.detailsOf', { name: vehicleName(vehicle) })}
      >
        {t('cars.details')}
      </Link>
    </Card>
  );
}
