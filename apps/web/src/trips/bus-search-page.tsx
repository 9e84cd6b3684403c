import { QueryState, type RouterOutputs, useTRPC } from '@fareway/api-client';
import { Button, formatDate, formatMoney, formatTime, Pager, TextField } from '@fareway/ui';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { SEARCH_TIME_ZONE, todayIn } from '../lib/dates';

type TripResult = RouterOutputs['trips']['search']['items'][number];

const PAGE_SIZE = 20;

const route = getRouteApi('/bus');

function duration(fromIso: string, toIso: string): string {
  const minutes = Math.round((Date.parse(toIso) - Date.parse(fromIso)) / 60_000);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h > 0 ? `${h} h ${String(m).padStart(2, '0')} min` : `${m} min`;
}

/** "Bus tickets": from, to and date → trips running that leg, with free seats and the fare for it. */
export function BusSearchPage() {
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
      <h1 className="fw-page-title">Bus tickets</h1>
      <form className="web-search" onSubmit={onSubmit} aria-label="Search trips">
        <TextField
          label="From"
          name="origin"
          placeholder="Colombo"
          value={form.origin}
          onChange={(e) => setForm({ ...form, origin: e.target.value })}
        />
        <TextField
          label="To"
          name="destination"
          placeholder="Kandy"
          value={form.destination}
          onChange={(e) => setForm({ ...form, destination: e.target.value })}
        />
        <TextField label="Date" name="date" type="date" value={form.date} onChange={(e) => setForm({ ...form, date: e.target.value })} />
        <div className="web-search__go">
          <Button type="submit" className="web-search__button" busy={trips.isFetching} busyLabel="Searching…">
            Find trips
          </Button>
        </div>
      </form>

      <section aria-label="Trips" className="web-results">
        <QueryState
          query={trips}
          what="trips"
          isEmpty={(data) => data.items.length === 0}
          empty={<p>No trip runs that way{applied.date ? ' on that date' : ''}. Try another date, or a nearby town.</p>}
        >
          {(data) => (
            <>
              <p className="fw-muted web-results__count" role="status">
                {applied.origin || applied.destination || applied.date
                  ? `${data.meta.total} ${data.meta.total === 1 ? 'trip' : 'trips'} found`
                  : `Upcoming trips (${data.meta.total})`}
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
  const full = trip.freeSeats === 0;
  return (
    <article className="fw-card web-trip" aria-label={`${trip.origin.name} to ${trip.destination.name}, ${trip.routeName}`}>
      <div className="web-trip__times">
        <strong>{formatTime(trip.departsAt, trip.timeZone)}</strong> → <strong>{formatTime(trip.arrivesAt, trip.timeZone)}</strong>
        <div className="fw-muted web-hint">
          {formatDate(trip.departsAt, trip.timeZone)} · {duration(trip.departsAt, trip.arrivesAt)}
        </div>
      </div>
      <div className="web-trip__where">
        <div>
          {trip.origin.name} → {trip.destination.name}
        </div>
        <div className="fw-muted web-hint">
          {trip.routeName} · {trip.operator.name} · {trip.busName}
        </div>
      </div>
      <div className="web-trip__seats">
        <span className={full ? 'web-trip__full' : undefined}>{full ? 'Full' : `${trip.freeSeats} of ${trip.seatCount} seats free`}</span>
      </div>
      <div className="web-trip__fare">
        <strong>{formatMoney(trip.fareMinor, trip.currency)}</strong>
        <div className="fw-muted web-hint">per seat</div>
      </div>
      <div className="web-trip__go">
        {full ? null : (
          <Link
            to="/bus/trips/$id"
            params={{ id: trip.id }}
            search={{ from: trip.fromStop, to: trip.toStop }}
            className="fw-button fw-button--primary"
            aria-label={`Choose seats, ${trip.origin.name} to ${trip.destination.name} at ${formatTime(trip.departsAt, trip.timeZone)}`}
          >
            Choose seats
          </Link>
        )}
      </div>
    </article>
  );
}
