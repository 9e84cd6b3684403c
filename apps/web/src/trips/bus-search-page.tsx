import { QueryState, type RouterOutputs, useTRPC } from '@fareway/api-client';
import { Button, formatDate, formatMoney, formatTime, Pager, TextField } from '@fareway/ui';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import type { TFunction } from 'i18next';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SEARCH_TIME_ZONE, todayIn } from '../lib/dates';
import { OperatorName } from './operator-name';

type TripResult = RouterOutputs['trips']['search']['items'][number];

const PAGE_SIZE = 20;

const route = getRouteApi('/bus');

function duration(fromIso: string, toIso: string, t: TFunction<'search'>): string {
  const minutes = Math.round((Date.parse(toIso) - Date.parse(fromIso)) / 60_000);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h > 0 ? t('bus.hoursMinutes', { h, m: String(m).padStart(2, '0') }) : t('bus.minutes', { m });
}

/** "Bus tickets": from, to and date → trips running that leg, with free seats and the fare for it. */
export function BusSearchPage() {
  const { t } = useTranslation('search');
  const trpc = useTRPC();
  const applied = route.useSearch();
  const navigate = route.useNavigate();
  const [form, setForm] = useState({
    origin: applied.origin ?? '',
    destination: applied.destination ?? '',
    date: applied.date ?? todayIn(SEARCH_TIME_ZONE),
  });
  const trips = useQuery(
    trpc.trips.search.queryOptions(
      {
        origin: applied.origin,
        destination: applied.destination,
        date: applied.date,
        page: applied.page ?? 1,
        limit: PAGE_SIZE,
      },
      { placeholderData: keepPreviousData },
    ),
  );

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void navigate({
      search: { origin: form.origin.trim() || undefined, destination: form.destination.trim() || undefined, date: form.date || undefined },
    });
  }

  return (
    <div className="web-page">
      <h1 className="fw-page-title">{t('bus.title')}</h1>
      <form className="web-search" onSubmit={onSubmit} aria-label={t('bus.search')}>
        <TextField
          label={t('bus.from')}
          name="origin"
          placeholder="Colombo"
          value={form.origin}
          onChange={(e) => setForm({ ...form, origin: e.target.value })}
        />
        <TextField
          label={t('bus.to')}
          name="destination"
          placeholder="Kandy"
          value={form.destination}
          onChange={(e) => setForm({ ...form, destination: e.target.value })}
        />
        <TextField
          label={t('bus.date')}
          name="date"
          type="date"
          value={form.date}
          onChange={(e) => setForm({ ...form, date: e.target.value })}
        />
        <div className="web-search__go">
          <Button type="submit" className="web-search__button" busy={trips.isFetching} busyLabel={t('searching')}>
            {t('bus.find')}
          </Button>
        </div>
      </form>

      <section aria-label={t('bus.trips')} className="web-results">
        <QueryState
          query={trips}
          what={t('bus.what')}
          isEmpty={(data) => data.items.length === 0}
          empty={<p>{applied.date ? t('bus.noneOnDate') : t('bus.none')}</p>}
        >
          {(data) => (
            <>
              <p className="fw-muted web-results__count" role="status">
                {applied.origin || applied.destination || applied.date
                  ? t('bus.found', { count: data.meta.total })
                  : t('bus.upcoming', { count: data.meta.total })}
              </p>
              <ul className="web-trips">
                {data.items.map((trip) => (
                  <li key={`${trip.id}:${trip.fromStop}:${trip.toStop}`}>
                    <TripRow trip={trip} />
                  </li>
                ))}
              </ul>
              <Pager
                page={data.meta.page}
                limit={data.meta.limit}
                total={data.meta.total}
                busy={trips.isFetching}
                onPage={(page) => void navigate({ search: (prev) => ({ ...prev, page: page > 1 ? page : undefined }) })}
              />
            </>
          )}
        </QueryState>
      </section>
    </div>
  );
}

function TripRow({ trip }: { trip: TripResult }) {
  const { t } = useTranslation('search');
  const full = trip.freeSeats === 0;
  return (
    <article
      className="fw-card web-trip"
      aria-label={t('bus.rowLabel', { from: trip.origin.name, to: trip.destination.name, route: trip.routeName })}
    >
      <div className="web-trip__times">
        <strong>{formatTime(trip.departsAt, trip.timeZone)}</strong> → <strong>{formatTime(trip.arrivesAt, trip.timeZone)}</strong>
        <div className="fw-muted web-hint">
          {formatDate(trip.departsAt, trip.timeZone)} · {duration(trip.departsAt, trip.arrivesAt, t)}
        </div>
      </div>
      <div className="web-trip__where">
        <div>
          {trip.origin.name} → {trip.destination.name}
        </div>
        <div className="fw-muted web-hint">
          {trip.routeName} · <OperatorName operator={trip.operator} /> · {trip.busName}
        </div>
      </div>
      <div className="web-trip__seats">
        <span className={full ? 'web-trip__full' : undefined}>
          {full ? t('bus.full') : t('bus.seatsFree', { free: trip.freeSeats, total: trip.seatCount })}
        </span>
      </div>
      <div className="web-trip__fare">
        <strong>{formatMoney(trip.fareMinor, trip.currency)}</strong>
        <div className="fw-muted web-hint">{t('bus.perSeat')}</div>
      </div>
      <div className="web-trip__go">
        {full ? null : (
          <Link
            to="/bus/trips/$id"
            params={{ id: trip.id }}
            search={{ from: trip.fromStop, to: trip.toStop }}
            className="fw-button fw-button--primary"
            aria-label={t('bus.chooseSeatsLabel', {
              from: trip.origin.name,
              to: trip.destination.name,
              at: formatTime(trip.departsAt, trip.timeZone),
            })}
          >
            {t('bus.chooseSeats')}
          </Link>
        )}
      </div>
    </article>
  );
}
