import { QueryState, type RouterOutputs, useTRPC } from '@fareway/api-client';
import { Button, Card, formatMoney, humanize, Link, Pager, TextField, useRouter } from '@fareway/ui';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { defaultRentalRange, fromLocalInput } from '../lib/dates';

export type VehicleResult = RouterOutputs['vehicles']['search']['items'][number];

const PAGE_SIZE = 20;

/** What a search asks for, read from the URL so Back and reload keep the results. */
function readSearch(search: URLSearchParams) {
  return {
    city: search.get('city') ?? '',
    start: search.get('start') ?? '',
    end: search.get('end') ?? '',
    seats: search.get('seats') ?? '',
    page: Math.max(1, Number(search.get('page') ?? '1') || 1),
  };
}

/** Why the range cannot be searched, or null. */
export function rangeProblem(start: string, end: string): string | null {
  const startIso = fromLocalInput(start);
  const endIso = fromLocalInput(end);
  if (!startIso) return 'Choose when you pick the car up';
  if (!endIso) return 'Choose when you bring it back';
  if (Date.parse(endIso) <= Date.parse(startIso)) return 'The return must come after the pick-up';
  if (Date.parse(startIso) < Date.now() - 60_000) return 'The pick-up cannot be in the past';
  return null;
}

export function vehicleName(vehicle: { make: string; model: string; year: number }): string {
  return `${vehicle.make} ${vehicle.model} (${vehicle.year})`;
}

/** "Rent a car": city, pick-up, return and seats → approved cars free for the whole range, each with its price. */
export function CarSearchPage() {
  const trpc = useTRPC();
  const { search, navigate } = useRouter();
  const applied = readSearch(search);
  const searched = applied.start !== '' && applied.end !== '';
  const defaults = defaultRentalRange();
  const [form, setForm] = useState({
    city: applied.city,
    start: applied.start || defaults.start,
    end: applied.end || defaults.end,
    seats: applied.seats,
  });
  const [formProblem, setFormProblem] = useState<string | null>(null);

  const startDate = fromLocalInput(applied.start) ?? undefined;
  const endDate = fromLocalInput(applied.end) ?? undefined;
  const seats = Number(applied.seats);
  const results = useQuery(
    trpc.vehicles.search.queryOptions(
      {
        location: applied.city.trim() || undefined,
        startDate,
        endDate,
        seats: Number.isInteger(seats) && seats > 0 ? seats : undefined,
        page: applied.page,
        limit: PAGE_SIZE,
      },
      { enabled: searched, placeholderData: keepPreviousData },
    ),
  );

  function go(next: typeof form, page = 1) {
    const params = new URLSearchParams({ start: next.start, end: next.end });
    if (next.city.trim()) params.set('city', next.city.trim());
    if (next.seats.trim()) params.set('seats', next.seats.trim());
    if (page > 1) params.set('page', String(page));
    navigate(`/cars?${params}`);
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const problem = rangeProblem(form.start, form.end);
    setFormProblem(problem);
    if (!problem) go(form);
  }

  const detailQuery = new URLSearchParams({ start: applied.start, end: applied.end }).toString();

  return (
    <div className="web-page">
      <h1 className="fw-page-title">Rent a car</h1>
      <form className="web-search" onSubmit={onSubmit} aria-label="Search cars">
        <TextField
          label="City"
          name="city"
          placeholder="Colombo"
          autoComplete="address-level2"
          value={form.city}
          onChange={(e) => setForm({ ...form, city: e.target.value })}
        />
        <TextField
          label="Pick-up"
          name="start"
          type="datetime-local"
          required
          value={form.start}
          onChange={(e) => setForm({ ...form, start: e.target.value })}
        />
        <TextField
          label="Return"
          name="end"
          type="datetime-local"
          required
          value={form.end}
          error={formProblem ?? undefined}
          onChange={(e) => setForm({ ...form, end: e.target.value })}
        />
        <TextField
          label="Seats"
          name="seats"
          type="number"
          inputMode="numeric"
          min={1}
          max={100}
          placeholder="Any"
          value={form.seats}
          onChange={(e) => setForm({ ...form, seats: e.target.value })}
        />
        <div className="web-search__go">
          <Button type="submit" className="web-search__button" busy={results.isFetching && searched} busyLabel="Searching…">
            Search cars
          </Button>
        </div>
      </form>

      {searched ? (
        <section aria-label="Search results" className="web-results">
          <QueryState
            query={results}
            what="cars"
            isEmpty={(data) => data.items.length === 0}
            empty={<p>No car is free for all of that time{applied.city ? ` in ${applied.city}` : ''}. Try other dates or another city.</p>}
          >
            {(data) => (
              <>
                <p className="fw-muted web-results__count" role="status">
                  {data.meta.total} {data.meta.total === 1 ? 'car is' : 'cars are'} free for those dates
                </p>
                <ul className="web-cards">
                  {data.items.map((vehicle) => (
                    <li key={vehicle.id}>
                      <VehicleCard vehicle={vehicle} href={`/cars/${vehicle.id}?${detailQuery}`} />
                    </li>
                  ))}
                </ul>
                <Pager
                  page={data.meta.page}
                  limit={data.meta.limit}
                  total={data.meta.total}
                  busy={results.isFetching}
                  onPage={(page) => go({ city: applied.city, start: applied.start, end: applied.end, seats: applied.seats }, page)}
                />
              </>
            )}
          </QueryState>
        </section>
      ) : (
        <p className="fw-muted">Choose when you need a car; we show the cars free for the whole time, with the full price.</p>
      )}
    </div>
  );
}

function VehicleCard({ vehicle, href }: { vehicle: VehicleResult; href: string }) {
  const photo = vehicle.photos[0];
  return (
    <Card title={<Link to={href}>{vehicleName(vehicle)}</Link>} level={3} className="web-vehicle-card">
      {photo ? (
        <img className="web-vehicle-card__photo" src={photo.url} alt={`${vehicle.make} ${vehicle.model}`} loading="lazy" />
      ) : (
        <div className="web-vehicle-card__photo web-vehicle-card__photo--none" aria-hidden="true">
          No photo
        </div>
      )}
      <p className="web-vehicle-card__facts">
        {humanize(vehicle.type)} · {vehicle.seats} seats · {humanize(vehicle.transmission)} · {humanize(vehicle.fuel)} · {vehicle.city}
      </p>
      {vehicle.quote ? (
        <p className="web-price">
          <strong>{formatMoney(vehicle.quote.totalMinor, vehicle.quote.currency)}</strong>{' '}
          <span className="fw-muted">
            for {vehicle.quote.days} {vehicle.quote.days === 1 ? 'day' : 'days'}
          </span>
        </p>
      ) : (
        <p className="web-price">
          <strong>{formatMoney(vehicle.dailyRateMinor, vehicle.currency)}</strong> <span className="fw-muted">a day</span>
        </p>
      )}
      <Link to={href} className="fw-button fw-button--secondary web-vehicle-card__go">
        See details
      </Link>
    </Card>
  );
}
